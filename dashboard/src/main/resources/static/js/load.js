// The load panel: starts a run, shows each second of it, and the results table.

import { num, percent, t } from './i18n.js';

const form = document.getElementById('load-form');
const status = document.getElementById('load-status');
const body = document.querySelector('#load-results tbody');

form.addEventListener('submit', async (event) => {
	event.preventDefault();
	const data = new FormData(form);
	const request = {
		apps: data.getAll('apps'),
		endpoint: data.get('endpoint'),
		delayMs: Number(data.get('delayMs')),
		model: data.get('model'),
		concurrency: Number(data.get('concurrency')),
		rate: Number(data.get('rate')),
		seconds: Number(data.get('seconds')),
		warmupSeconds: Number(data.get('warmupSeconds')),
	};
	const response = await fetch('/api/load', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(request),
	});
	if (!response.ok) {
		const problem = await response.json().catch(() => ({}));
		// The problem's detail stays English, as the API gave it.
		status.textContent = t('load.status.couldNotStart', problem.detail || response.status);
		return;
	}
	showState(await response.json());
});

export function restoreLoad(state) {
	if (state) showState(state);
}

export function onLoad(update) {
	if (update.type === 'state') showState(update.state);
	else if (update.type === 'progress') showProgress(update.progress);
}

// A java.time.Duration as JSON: an ISO-8601 text such as PT2S, or a number of seconds.
function seconds(duration) {
	if (typeof duration === 'number') return duration;
	const match = /^PT(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration || '');
	return match ? Number(match[1] || 0) * 60 + Number(match[2] || 0) : 0;
}

function showState(state) {
	const size = state.plan.model === 'OPEN' ? t('load.size.rate', num(state.plan.rate))
		: t('load.size.clients', num(state.plan.concurrency));
	const warmup = seconds(state.plan.warmup);
	if (state.running) {
		status.textContent = t('load.status.running', state.current, state.apps.join(t('race.status.then')), size,
			`${state.plan.endpoint}?delayMs=${state.plan.delayMs}`)
			+ (warmup > 0 ? t('load.status.warmup', num(warmup)) : '');
	} else {
		// The error is the engine's own message, English like the API's.
		status.textContent = state.error ? t('load.status.stopped', state.error)
			: t('load.status.done', num(state.results.length), num(state.apps.length));
	}
	body.replaceChildren(...state.results.map(row));
}

function showProgress(p) {
	const figures = [p.app, num(p.elapsedMs / 1000), num(p.throughput), num(p.latency.p50), num(p.latency.p99),
		num(p.inFlight), num(p.errors)];
	status.textContent = (p.warmingUp ? t('load.progress.lineWarmingUp', ...figures) : t('load.progress.line', ...figures))
		+ (p.rssBytes >= 0 ? t('load.progress.rss', num(p.rssBytes / 1048576)) : '');
}

function row(r) {
	const tr = document.createElement('tr');
	const open = r.plan.model === 'OPEN';
	const size = open ? t('load.size.rate', num(r.plan.rate)) : t('load.size.closed', num(r.plan.concurrency));
	// Error kinds are the engine's names (timeout, status 503 …), like thread names.
	const errors = Object.entries(r.errors).map(([kind, n]) => `${kind}: ${num(n)}`).join(', ') || num(0);
	const known = (n) => (n >= 0 ? num(n) : '–');
	const mb = (n) => (n >= 0 ? num(n / 1048576) : '–');
	const cells = [r.app, open ? t('load.model.open') : t('load.model.closed'), size, num(r.throughput, 1),
		r.efficiency > 0 ? num(r.efficiency, 2) : '–', num(r.latency.p50), num(r.latency.p90),
		num(r.latency.p99), num(r.latency.p999), num(r.latency.max), errors,
		known(r.peakThreads) + (r.peakVirtualThreads > 0 ? t('load.row.virtual', num(r.peakVirtualThreads)) : ''),
		known(r.peakServerInFlight), mb(r.peakHeapBytes), mb(r.peakRssBytes),
		r.engineCpu >= 0 ? percent(r.engineCpu) : '–'];
	for (const text of cells) {
		const td = document.createElement('td');
		td.textContent = text;
		tr.append(td);
	}
	return tr;
}
