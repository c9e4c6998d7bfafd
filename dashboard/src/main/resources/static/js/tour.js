// The tour: each stop's button starts its race through the dashboard's race API, then
// follows it on /api/races/current until it is over and shows what each app did.
import { duration, num, seconds, t } from './i18n.js';

const POLL_MS = 500;
const status = document.getElementById('tour-status');
let following = null;

for (const stop of document.querySelectorAll('section.stop')) {
	const button = stop.querySelector('button.run');
	button.addEventListener('click', () => run(stop));
}

async function run(stop) {
	const result = stop.querySelector('.result');
	if (following) {
		status.textContent = t('tour.status.busy');
		return;
	}
	result.className = 'result running';
	result.textContent = t('tour.result.starting');
	delete stop.dataset.finished;
	const response = await fetch('/api/races', {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stop.dataset.race,
	}).catch(() => null);
	if (!response || !response.ok) {
		const problem = response ? await response.json().catch(() => ({})) : {};
		result.className = 'result failed';
		// The problem's detail stays English, as the API gave it.
		result.textContent = response && response.status === 409 ? t('tour.status.busy')
			: t('tour.result.notStarted', problem.detail || (response ? response.status : '–'));
		return;
	}
	const info = await response.json();
	following = info.id;
	setRunning(true);
	try {
		const state = await finished(info.id, result);
		show(stop, result, state);
	}
	finally {
		following = null;
		setRunning(false);
	}
}

function setRunning(running) {
	document.querySelectorAll('section.stop').forEach((stop) => {
		stop.querySelector('button.run').disabled = running || stop.dataset.runnable !== 'true';
	});
	if (!running) status.textContent = '';
}

async function finished(id, result) {
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		const response = await fetch('/api/races/current').catch(() => null);
		if (!response || response.status !== 200) continue;
		const state = await response.json();
		if (state.info.id !== id) continue;
		if (!state.running) return state;
		const total = state.info.plan.groups.reduce((n, g) => n + g.count, 0) * state.info.legs.length;
		result.textContent = t('tour.result.running', num(state.results.length), num(total));
		status.textContent = result.textContent;
	}
}

function show(stop, result, state) {
	result.className = 'result';
	result.textContent = '';
	const title = document.createElement('p');
	title.textContent = t('tour.result.title');
	const list = document.createElement('ul');
	for (const summary of state.summaries) {
		const mine = state.results.filter((r) => r.leg === summary.leg);
		const item = document.createElement('li');
		item.dataset.app = summary.app;
		item.textContent = appLine(summary, mine);
		list.append(item);
	}
	result.append(title, list);
	stop.dataset.finished = 'true';
}

function appLine(summary, results) {
	let line = t('tour.result.app', summary.app, seconds(summary.totalMs), num(summary.answered), num(summary.threads));
	if (summary.failed) line += t('tour.result.failed', num(summary.failed));
	if (summary.counter) {
		line += t('tour.result.counter', num(summary.counter.expected), num(summary.counter.counted),
			num(summary.counter.expected - summary.counter.counted));
	}
	if (summary.probes > 0) line += t('tour.result.probes', duration(summary.probeMedianMs), duration(summary.probeMaxMs));
	const traced = results.filter((r) => r.trace && !r.probe);
	const handedOff = traced.filter((r) => r.trace.endThread !== r.trace.startThread).length;
	if (traced.length && handedOff) line += t('tour.result.handedOff', num(handedOff), num(traced.length));
	const groups = lastByGroup(results);
	if (summary.completionOrder.length <= 12) {
		line += t('tour.result.order', summary.completionOrder.join(' → '));
	}
	else if (groups.size > 1) {
		line += [...groups].map(([label, ms]) => t('tour.result.group', label, seconds(ms))).join('');
	}
	return line;
}

// How long each group took, from its first request sent to its last answer: "wait" and
// "cpu" in the one-core race.
function lastByGroup(results) {
	const spans = new Map();
	for (const r of results.filter((x) => !x.probe)) {
		const label = r.label.replace(/\d+$/, '');
		const span = spans.get(label) || { from: Infinity, to: 0 };
		span.from = Math.min(span.from, r.sentMs);
		span.to = Math.max(span.to, r.sentMs + r.latencyMs);
		spans.set(label, span);
	}
	return new Map([...spans].map(([label, span]) => [label, span.to - span.from]));
}
