import { ThreadsView } from './threads.js';
import { answersPerBin, drawRace, drawTimeline } from './bars.js';
import { onLoad, restoreLoad } from './load.js';
import { refreshKnobs } from './knobs.js';
import { clearRaceCosts, legLabel, showCostLine, showRaceCosts, showRaceTimes } from './costs.js';
import { showDatabase } from './database.js';
import { drawLoops, onLoopsSample } from './loops.js';
import { duration, num, seconds, t } from './i18n.js';
import { counterText } from './counter.js';

const TIMELINE_MS = 30000;
const KEEP_ACTIVITY = 2000;

const cards = new Map();
for (const card of document.querySelectorAll('article.app')) {
	cards.set(card.dataset.app, {
		card,
		threads: new ThreadsView(card),
		activity: [],
		view: 'arrival',
		// The race's legs on this app: one, or one per Tomcat thread count in a race with
		// rounds; race and summary are the latest leg's, the one the bars draw.
		legs: [],
		race: [],
		summary: null,
	});
	for (const button of card.querySelectorAll('button.view')) {
		button.addEventListener('click', () => {
			const app = cards.get(card.dataset.app);
			app.view = button.dataset.view;
			card.querySelectorAll('button.view').forEach((b) => b.classList.toggle('on', b === button));
			schedule();
		});
	}
}

let race = null;

// ---- live data ------------------------------------------------------------------------

function onSample(sample) {
	onLoopsSample(sample);
	const app = cards.get(sample.app);
	if (!app) return;
	app.threads.add(sample);
	const { card } = app;
	showCostLine(card, sample);
	// An app that comes back is a new process, with its knobs where they start.
	if (sample.status === 'up' && card.dataset.status !== 'up') refreshKnobs();
	card.dataset.status = sample.status;
	card.dataset.sampledAt = sample.at;
	card.querySelector('.status').textContent = sample.status === 'up' ? t('card.status.up')
		: sample.status === 'stalled' ? t('card.status.stalled') : t('card.status.down');
	const threads = sample.threads;
	// The cause stays as the poller wrote it: a connection error, a status, an exception.
	card.querySelector('.down-note').textContent = sample.status === 'up' ? ''
		: sample.status === 'stalled' ? t('card.down.stalled')
		: t('card.down.down', sample.problem);
	if (threads) {
		card.querySelector('[data-field="live"]').textContent = num(threads.live);
		card.querySelector('[data-field="inFlight"]').textContent = num(threads.inFlight);
		card.querySelector('[data-field="virtualThreads"]').textContent = num(threads.virtualThreads);
		showDbPool(card, threads.dbPool);
		showDatabase(card, threads.dbPool);
	}
	else if (sample.status === 'down') {
		card.querySelectorAll('[data-field]').forEach((b) => (b.textContent = '–'));
	}
	schedule();
}

function showDbPool(card, pool) {
	const line = card.querySelector('.db-pool');
	if (!pool) {
		line.textContent = t('card.dbPool.notOpened');
		line.classList.remove('full');
		return;
	}
	line.textContent = t('card.dbPool.inUse', pool.name, num(pool.active), num(pool.max))
		+ (pool.pending ? t('card.dbPool.waiting', num(pool.pending)) : '');
	line.classList.toggle('full', pool.pending > 0);
	line.dataset.pending = pool.pending;
	line.dataset.active = pool.active;
}

function onActivity(recent) {
	const app = cards.get(recent.app);
	if (!app) return;
	if (recent.reset) app.activity = [];
	for (const e of recent.items) {
		app.activity.push({ ...e, start: Date.parse(e.receivedAt), end: Date.parse(e.completedAt) });
	}
	if (app.activity.length > KEEP_ACTIVITY) app.activity.splice(0, app.activity.length - KEEP_ACTIVITY);
	schedule();
}

// ---- races ----------------------------------------------------------------------------

function onRace(update) {
	if (update.type === 'started') {
		race = { info: update.info, running: true };
		for (const app of cards.values()) {
			app.legs = [];
			app.race = [];
			app.summary = null;
		}
		clearRaceCosts(true);
		showStory(update.info.plan);
		showCurl(planTitle(update.info.plan), update.info.curl);
		markPreset(update.info.plan.id);
	}
	if (!race || race.info.id !== update.raceId) return;
	if (update.type === 'costs') showRaceCosts(update.costs, race.info.legs);
	let turned = false;
	for (const r of update.results) {
		const app = cards.get(r.app);
		if (!app) continue;
		if (!app.legs.length || app.legs[app.legs.length - 1].key !== r.leg) {
			// A new round: the bars start again; the knob on the card has been turned.
			const leg = { key: r.leg, results: [], summary: null,
				tomcatThreads: race.info.legs.find((l) => l.key === r.leg)?.tomcatThreads };
			app.legs.push(leg);
			app.race = leg.results;
			app.summary = null;
			turned ||= leg.tomcatThreads != null;
		}
		app.race.push(r);
	}
	if (turned) refreshKnobs();
	if (update.type === 'finished') {
		race.running = false;
		for (const s of update.summaries) {
			const app = cards.get(s.app);
			const leg = app?.legs.find((l) => l.key === s.leg);
			if (leg) leg.summary = s;
		}
		for (const app of cards.values()) app.summary = app.legs.length ? app.legs[app.legs.length - 1].summary : null;
		showRaceTimes(update.summaries);
		// A race with rounds has turned its knob back.
		if (race.info.plan.tomcatThreads.length) refreshKnobs();
	}
	showRaceStatus();
	schedule();
}

function restoreRace(state) {
	if (!state) return;
	onRace({ type: 'started', raceId: state.info.id, info: state.info, results: [], summaries: [] });
	onRace({ type: state.running ? 'results' : 'finished', raceId: state.info.id, results: state.results, summaries: state.summaries });
	if (Object.keys(state.costs || {}).length) onRace({ type: 'costs', raceId: state.info.id, results: [], summaries: [], costs: state.costs });
}

function showRaceStatus() {
	const status = document.getElementById('race-status');
	const done = [...cards.values()].reduce((n, app) => n + app.legs.reduce((m, leg) => m + leg.results.length, 0), 0);
	const total = race.info.plan.groups.reduce((n, g) => n + g.count, 0) * race.info.legs.length;
	const how = race.info.plan.oneAppAtATime
		? t('race.status.oneAppAtATime', race.info.legs.map(legLabel).join(t('race.status.then'))) : '';
	const title = planTitle(race.info.plan);
	status.textContent = race.running ? t('race.status.running', title, how, num(done), num(total))
		: t('race.status.finished', title, num(done));
	document.querySelectorAll('.race button, .custom button').forEach((b) => (b.disabled = race.running));
}

// One line per leg: a race with rounds shows each Tomcat thread count's result.
function summaryText(app) {
	if (app.legs.length <= 1) return legSummary(app.legs[0]);
	return app.legs.map((leg) => t('race.summary.round', num(leg.tomcatThreads)) + legSummary(leg)).join('\n');
}

function legSummary(leg) {
	if (!leg || !leg.results.length) return '';
	const s = leg.summary;
	const results = leg.results;
	// A round whose knob could not be turned sent nothing; its results say why.
	const notSent = results.find((r) => r.error && r.error.startsWith('not sent'));
	if (notSent) return t('race.summary.notSent', notSent.error.replace(/^not sent: /, ''));
	const last = Math.max(...results.map((r) => r.sentMs + r.latencyMs));
	const threads = new Set(results.filter((r) => r.trace).map((r) => r.trace.startThread)).size;
	const failed = results.filter((r) => r.error || r.status >= 400).length;
	const answered = threads === 1 ? t('race.summary.answeredOneThread', num(results.length), num(last / 1000, 2))
		: t('race.summary.answered', num(results.length), num(threads), num(last / 1000, 2));
	return answered + (failed ? t('race.summary.failed', num(failed)) : '') + counterText(s) + (s ? '' : ' …');
}

// Probes only time how fast an app answers anything while the rest of the race runs.
function showProbe(app) {
	const line = app.card.querySelector('.probe');
	const probes = app.race.filter((r) => r.probe).map((r) => r.latencyMs).sort((a, b) => a - b);
	if (!probes.length) {
		line.textContent = '';
		line.className = 'probe';
		delete line.dataset.maxMs;
		return;
	}
	const slowest = probes[probes.length - 1];
	const median = probes[Math.floor((probes.length - 1) / 2)];
	line.textContent = t('race.probe.line', num(probes.length), duration(median), duration(slowest))
		+ (slowest >= 1000 ? t('race.probe.waited') : '');
	line.className = 'probe ' + (slowest >= 1000 ? 'slow' : 'fast');
	line.dataset.maxMs = slowest.toFixed(0);
}

function orderText(app) {
	const s = app.summary;
	if (!s) return '';
	const order = s.completionOrder;
	if (order.length <= 12) return t('race.order.list', order.join(' → '));
	const done = app.race.map((r) => r.sentMs + r.latencyMs).sort((a, b) => a - b);
	const at = (q) => seconds(done[Math.min(done.length - 1, Math.floor(q * done.length))]);
	return t('race.order.spread', at(0), at(0.5), at(1), seconds(s.maxWaitingMs));
}

// A preset's words are in the bundle under its id; a custom race is named by its requests.
function planTitle(plan) {
	const button = document.querySelector(`button.preset[data-preset="${CSS.escape(plan.id)}"]`);
	if (button) return button.textContent;
	const group = plan.groups[0];
	return t('race.custom.title', num(group.count), group.path.replace('{n}', '{id}'));
}

function planStory(plan) {
	const button = document.querySelector(`button.preset[data-preset="${CSS.escape(plan.id)}"]`);
	if (button) return button.dataset.story;
	return t('race.custom.story', num(plan.groups[0].count), num(plan.concurrency));
}

function showStory(plan) {
	document.getElementById('story').textContent = planStory(plan);
}

function markPreset(id) {
	document.querySelectorAll('button.preset').forEach((b) => b.classList.toggle('on', b.dataset.preset === id));
}

async function startRace(body) {
	const status = document.getElementById('race-status');
	const response = await fetch('/api/races', {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
	});
	if (!response.ok) {
		const problem = await response.json().catch(() => ({}));
		// The problem's detail stays English, as the API gave it.
		status.textContent = t('race.status.notStarted', problem.detail || response.status);
	}
}

for (const button of document.querySelectorAll('button.preset')) {
	button.addEventListener('click', () => startRace({ preset: button.dataset.preset }));
	button.addEventListener('mouseenter', () => {
		if (race && race.running) return;
		document.getElementById('story').textContent = button.dataset.story;
		loadCurl(new URLSearchParams({ preset: button.dataset.preset }), button.textContent);
	});
}

const custom = document.getElementById('custom');
function customForm() {
	const data = new FormData(custom);
	const body = {};
	for (const [k, v] of data.entries()) body[k] = k === 'endpoint' ? v : Number(v);
	return body;
}
custom.addEventListener('submit', (event) => {
	event.preventDefault();
	startRace(customForm());
});
custom.addEventListener('change', () => loadCurl(new URLSearchParams(customForm()), t('race.custom.curlTitle')));

// ---- curl -----------------------------------------------------------------------------

let curl = { title: '', commands: {} };
let curlApp = null;

async function loadCurl(params, title) {
	const response = await fetch('/api/curl?' + params);
	if (response.ok) showCurl(title, await response.json());
}

function showCurl(title, commands) {
	curl = { title, commands };
	const names = Object.keys(commands);
	if (!names.includes(curlApp)) curlApp = names[0];
	document.getElementById('curl-title').textContent = title;
	const tabs = document.getElementById('curl-tabs');
	tabs.replaceChildren(...names.map((name) => {
		const b = document.createElement('button');
		b.type = 'button';
		b.textContent = name;
		b.classList.toggle('on', name === curlApp);
		b.addEventListener('click', () => {
			curlApp = name;
			showCurl(curl.title, curl.commands);
		});
		return b;
	}));
	document.getElementById('curl-text').textContent = commands[curlApp] || '';
}

document.getElementById('curl-copy').addEventListener('click', async () => {
	const text = document.getElementById('curl-text').textContent;
	try {
		await navigator.clipboard.writeText(text);
	}
	catch {
		const range = document.createRange();
		range.selectNodeContents(document.getElementById('curl-text'));
		getSelection().removeAllRanges();
		getSelection().addRange(range);
	}
});

// ---- drawing --------------------------------------------------------------------------

// At most a few frames a second: the browser shares the machine with the apps it watches,
// and drawing every batch of a big race would slow the race down.
const FRAME_MS = 250;
let pending = false;
let drawnAt = 0;
function schedule() {
	if (!pending) {
		pending = true;
		setTimeout(() => requestAnimationFrame(draw), Math.max(0, drawnAt + FRAME_MS - Date.now()));
	}
}

function draw() {
	pending = false;
	drawnAt = Date.now();
	const apps = [...cards.values()];
	const now = Date.now();
	// Every app on the same scales: a glance compares sizes, not axis labels.
	const peak = Math.max(10, ...apps.map((a) => a.threads.peak()));
	const yMax = Math.ceil(peak * 1.1 / 10) * 10;
	let perRow = 1;
	for (const app of apps) perRow = app.threads.drawGrid(0) || perRow;
	const rows = Math.max(3, ...apps.map((a) => a.threads.rowsNeeded(perRow)));
	const span = Math.max(0, ...apps.flatMap((a) => a.race.map((r) => r.sentMs + r.latencyMs))) * 1.04;
	const binMax = Math.max(1, ...apps.flatMap((a) => answersPerBin(a.race, span)));
	for (const app of apps) {
		app.threads.drawGrid(rows);
		app.threads.drawChart(yMax, now / 1000);
		drawRace(app.card.querySelector('canvas.race-bars'), app.race, span, app.card.dataset.model, binMax);
		app.card.querySelector('.race-summary').textContent = summaryText(app);
		app.card.querySelector('.order').textContent = orderText(app);
		showProbe(app);
		drawTimeline(app.card.querySelector('canvas.timeline'), app.activity, now, TIMELINE_MS, app.view, app.card.dataset.model);
	}
	drawLoops();
}

window.addEventListener('resize', schedule);
setInterval(schedule, 1000);

// ---- the stream -----------------------------------------------------------------------

const events = new EventSource('/events');
events.addEventListener('hello', (event) => {
	const hello = JSON.parse(event.data);
	for (const [app, samples] of Object.entries(hello.recent.samples)) {
		const card = cards.get(app);
		if (card) card.threads.samples = [];
		samples.forEach(onSample);
	}
	for (const [app, items] of Object.entries(hello.recent.activity)) {
		const card = cards.get(app);
		if (card) card.activity = [];
		onActivity({ app, items, reset: false });
	}
	restoreRace(hello.race);
	restoreLoad(hello.load);
	document.body.dataset.connected = 'true';
});
events.addEventListener('sample', (event) => onSample(JSON.parse(event.data)));
events.addEventListener('activity', (event) => onActivity(JSON.parse(event.data)));
events.addEventListener('race', (event) => onRace(JSON.parse(event.data)));
events.addEventListener('load', (event) => onLoad(JSON.parse(event.data)));
events.addEventListener('error', () => {
	document.body.dataset.connected = 'false';
});

refreshKnobs();

const first = document.querySelector('button.preset');
if (first) loadCurl(new URLSearchParams({ preset: first.dataset.preset }), first.textContent);
