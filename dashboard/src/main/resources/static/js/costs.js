// What each model costs: the live cost line on every card, from the apps' GET /api/costs
// that the dashboard polls with their threads (sample.costs), and the cost table after a
// race, from the race's 'costs' update (RaceRunner reads /api/costs before and after).

import { num, t } from './i18n.js';

const MB = 1024 * 1024;

// Rates are taken over at least this long: an app serves the CPU by pool and the context
// switches of one pass over its threads for 1 s (docs/CONTRACT.md), so two polls 500 ms
// apart can show the same pass, and a rate between them would read 0 and then double.
const RATE_WINDOW_MS = 2500;
const KEEP_MS = 10000;

const history = new Map();

/**
 * Shows an app's cost line from its latest sample. Called for every sample.
 * @param card the app's <article>
 * @param sample an AppSample; its costs is null when the app did not answer /api/costs
 */
export function showCostLine(card, sample) {
	const line = card.querySelector('.cost-line');
	if (!line) return;
	const costs = sample.costs;
	if (!costs) {
		line.replaceChildren();
		line.dataset.state = sample.status === 'up' ? 'none' : 'down';
		if (sample.status === 'up') line.append(figure('—', t('costs.card.noCosts')));
		return;
	}
	const at = Date.parse(sample.at);
	const reads = history.get(card.dataset.app) || [];
	if (reads.length && reads[reads.length - 1].at >= at) return; // a replayed sample
	reads.push({ at, costs });
	while (reads.length > 2 && at - reads[0].at > KEEP_MS) reads.shift();
	history.set(card.dataset.app, reads);
	const base = [...reads].reverse().find((r) => at - r.at >= RATE_WINDOW_MS) || reads[0];
	const seconds = (at - base.at) / 1000;
	const notes = costs.notes || [];
	const parts = [];

	// CPU: the process's CPU time over wall time, as a share of one core.
	// (ms of CPU a second) / 1000 ms × 100 %
	parts.push(seconds > 0
		? figure(t('costs.card.cpu', num((costs.cpu.processMs - base.costs.cpu.processMs) / 10 / seconds)),
			t('costs.card.cpuTitle'), 'cpu')
		: figure(t('costs.card.cpu', '…'), t('costs.card.firstRead'), 'cpu'));
	const switches = costs.contextSwitches;
	const before = base.costs.contextSwitches;
	if (switches.voluntary === null) {
		parts.push(figure(t('costs.card.switches', '—', '—'), note(notes, 'contextSwitches:'), 'switches'));
	}
	else if (seconds <= 0 || before.voluntary === null) {
		parts.push(figure(t('costs.card.switches', '…', '…'), t('costs.card.firstRead'), 'switches'));
	}
	else {
		parts.push(figure(t('costs.card.switches', num((switches.voluntary - before.voluntary) / seconds),
			num((switches.involuntary - before.involuntary) / seconds)), t('costs.card.switchesTitle'), 'switches'));
	}
	const memory = costs.memory;
	parts.push(memory.threadStacksCommittedBytes === null
		? figure(t('costs.card.stacks', '—'), note(notes, 'threadStacksCommittedBytes:'), 'stacks')
		: figure(t('costs.card.stacks', num(memory.threadStacksCommittedBytes / MB)), t('costs.card.stacksTitle', num(memory.platformThreads)), 'stacks'));
	parts.push(memory.rssBytes === null
		? figure(t('costs.card.rss', '—'), note(notes, 'memory.rssBytes:'), 'rss')
		: figure(t('costs.card.rss', num(memory.rssBytes / MB)), t('costs.card.rssTitle'), 'rss'));
	// Virtual threads' stacks are not thread stacks the OS reserves: they are copied to the
	// heap while the thread waits. Said as what it is, not added to the stacks.
	if (card.dataset.model === 'virtual-threads' || memory.virtualThreads > 0) {
		parts.push(figure(t('costs.card.virtual', num(memory.virtualThreads), num(memory.heapUsedBytes / MB)),
			t('costs.card.virtualTitle'), 'virtual'));
	}
	line.dataset.state = 'up';
	line.replaceChildren(...parts.flatMap((p, i) => (i ? [document.createTextNode(' · '), p] : [p])));
}

// The app's own sentence for a null field (its notes, which stay English as the API gave
// them), or the page's when it gave none.
function note(notes, prefix) {
	return notes.find((n) => n.startsWith(prefix)) || t('costs.card.noFigure');
}

function figure(text, title, field) {
	const span = document.createElement('span');
	span.textContent = text;
	if (title) span.title = title;
	if (field) span.dataset.cost = field;
	return span;
}

// ---- the cost table after a race ----------------------------------------------------

const ROWS = [
	['requests', (c) => c.requests, (v) => num(v)],
	['cpuMsPerRequest', (c) => c.cpuMsPerRequest, (v) => num(v, v < 10 ? 2 : 1)],
	['voluntaryPerRequest', (c) => c.voluntaryPerRequest, (v) => num(v, 1)],
	['involuntaryPerRequest', (c) => c.involuntaryPerRequest, (v) => num(v, 1)],
	['peakStacks', (c) => c.peakStacksBytes, (v) => num(v / MB, 1)],
	['peakRss', (c) => c.peakRssBytes, (v) => num(v / MB)],
	['peakPlatformThreads', (c) => c.peakPlatformThreads, (v) => num(v)],
	['peakVirtualThreads', (c) => c.peakVirtualThreads, (v) => num(v)],
];

// The race whose costs the table shows: its costs as they come (after each app's run, in
// a race one app at a time), its legs' labels, and its summaries once it has finished.
let shown = { costs: {}, legs: [], summaries: [] };

/** Clears the table when a race starts: its costs come after its last answer. */
export function clearRaceCosts(running) {
	shown = { costs: {}, legs: [], summaries: [] };
	const section = document.getElementById('race-costs');
	if (!section) return;
	section.hidden = false;
	section.querySelector('.race-costs-note').textContent = running ? t('costs.table.waiting') : '';
	section.querySelector('table').replaceChildren();
}

/**
 * Shows what the race cost each app, side by side: a column per leg, that is per app, or
 * per app and Tomcat thread count in a race with rounds.
 * @param costs { leg: RunCosts }, a figure the app did not give is -1
 * @param legs the race's legs (RaceInfo.legs), to name the columns
 */
export function showRaceCosts(costs, legs) {
	shown.costs = costs;
	shown.legs = legs || [];
	render();
}

/**
 * Adds when each leg's last answer came, once the race has finished.
 * @param summaries the race's summaries, one per leg
 */
export function showRaceTimes(summaries) {
	shown.summaries = summaries;
	if (Object.keys(shown.costs).length) render();
}

/**
 * A leg's name on the page: the app, and the Tomcat threads it ran on in a round.
 * @param leg a RaceLeg
 */
export function legLabel(leg) {
	return leg.tomcatThreads ? t('race.leg.threads', leg.app, num(leg.tomcatThreads)) : leg.app;
}

function render() {
	const section = document.getElementById('race-costs');
	if (!section) return;
	const { costs, legs, summaries } = shown;
	const keys = Object.keys(costs);
	section.hidden = false;
	section.querySelector('.race-costs-note').textContent = t('costs.table.note');
	const head = document.createElement('tr');
	head.append(cell('th', ''), ...keys.map((key) => {
		const th = cell('th', legLabel(legs.find((leg) => leg.key === key) || { app: key }));
		th.dataset.app = key;
		return th;
	}));
	const rows = ROWS.map(([key, get, format]) => row(key, keys, (leg) => get(costs[leg]), format));
	// The time beside the bill: how long each leg took to its last answer.
	if (summaries.length) {
		const totalMs = (leg) => summaries.find((s) => s.leg === leg)?.totalMs ?? -1;
		rows.unshift(row('lastAnswer', keys, totalMs, (v) => num(v / 1000, 1)));
	}
	const table = section.querySelector('table');
	const thead = document.createElement('thead');
	thead.append(head);
	const tbody = document.createElement('tbody');
	tbody.append(...rows);
	table.replaceChildren(thead, tbody);
}

function row(key, legs, get, format) {
	const tr = document.createElement('tr');
	tr.dataset.row = key;
	tr.append(cell('th', t('costs.table.row.' + key)));
	for (const leg of legs) {
		const value = get(leg);
		const td = cell('td', value >= 0 ? format(value) : '—');
		td.dataset.app = leg;
		if (value < 0) td.title = t('costs.table.unknown');
		tr.append(td);
	}
	return tr;
}

function cell(tag, text) {
	const c = document.createElement(tag);
	c.textContent = text;
	return c;
}

// Written out so that MessageBundlesTests finds every row's key: t('costs.table.row.requests'),
// t('costs.table.row.cpuMsPerRequest'), t('costs.table.row.voluntaryPerRequest'),
// t('costs.table.row.involuntaryPerRequest'), t('costs.table.row.peakStacks'),
// t('costs.table.row.peakRss'), t('costs.table.row.peakPlatformThreads'),
// t('costs.table.row.peakVirtualThreads'), t('costs.table.row.lastAnswer')
