// Inside the event loops (issue 10): a lane per event loop, drawn from each sample's
// answer to GET /api/loops, and where the apps without a loop make requests wait.
// dashboard.js hands every sample to onLoopsSample() and calls drawLoops() each frame.
import { color, fit } from './colors.js';
import { duration, num, percent, t } from './i18n.js';

const WINDOW_MS = 60000;
// A probe 200 ms late is no scheduling hiccup: something holds the loop.
const HELD_MS = 200;
// A held bar fills its lane at 10 s, the longest hold the presets cause several times over.
const FULL_BAR_MS = 10000;
// Past this without an answer the last one is too old to count a hold on from.
const STALE_MS = 30000;

// Written out, so that MessageBundlesTests finds every key.
const STATES = { waiting: 'loops.state.waiting', running: 'loops.state.running', blocked: 'loops.state.blocked' };

const apps = new Map();
for (const box of document.querySelectorAll('.loop-app')) {
	apps.set(box.dataset.app, {
		box,
		history: [],
		status: 'unknown',
		answer: null,
		answerAt: 0,
		lanes: new Map(),
	});
}

/** Keeps a sample's loops; a replayed minute (a new stream) replaces what it covers. */
export function onLoopsSample(sample) {
	const app = apps.get(sample.app);
	if (!app) return;
	const at = Date.parse(sample.at);
	if (app.history.length && app.history[app.history.length - 1].at >= at) {
		app.history = app.history.filter((h) => h.at < at);
	}
	app.history.push({ at, loops: sample.loops ? sample.loops.loops : null });
	while (app.history.length && app.history[0].at < at - WINDOW_MS) app.history.shift();
	app.status = sample.status;
	if (sample.loops) {
		app.answer = sample.loops;
		// Counted from when the app read its loops: a sample can wait for a stalled
		// threads poll long after its loops answered. Only loopback apps: one clock.
		app.answerAt = Math.min(at, Date.parse(sample.loops.sampledAt) || at);
	}
	else if (sample.status === 'down') {
		app.answer = null;
	}
}

export function drawLoops() {
	const now = Date.now();
	for (const app of apps.values()) draw(app, now);
}

function draw(app, now) {
	const { box, answer } = app;
	const line = box.querySelector('.loop-line');
	const note = box.querySelector('.loop-note');
	const held = box.querySelector('.loop-held');
	const last = app.history[app.history.length - 1];
	const silentMs = now - app.answerAt;
	box.dataset.answered = String(!!(last && last.loops));
	box.classList.remove('stale');
	line.title = '';
	if (!answer || app.status === 'down' || silentMs > STALE_MS) {
		line.textContent = app.status === 'down' ? t('loops.down') : t('loops.none');
		note.textContent = '';
		held.textContent = '';
		drawLanes(app, [], now, 0);
		return;
	}
	// No answer while the app is there: every loop, or the one that accepts connections,
	// is held. The last answer stays, its holds counted on, and the page says so.
	note.textContent = last && !last.loops ? t('loops.noAnswer', num(silentMs / 1000, 1)) : '';
	box.classList.toggle('stale', !!(last && !last.loops));
	if (answer.model === 'event-loop') {
		line.textContent = t('loops.app.eventLoop', num(answer.loops.length)) + ' · '
			+ answer.pools.map((p) => t('loops.pool', p.name, num(p.busy), num(p.max), num(p.queued))).join(' · ');
	}
	else if (answer.requestPool) {
		const pool = answer.requestPool;
		line.textContent = t('loops.requestPool', num(pool.busy), num(pool.max), num(pool.queued));
		line.dataset.busy = pool.busy;
		line.dataset.queued = pool.queued;
		line.classList.toggle('full', pool.busy >= pool.max);
	}
	else if (answer.virtualScheduler) {
		const s = answer.virtualScheduler;
		line.textContent = t('loops.virtual', num(s.mounted), num(s.queued), num(s.poolSize), num(s.parallelism));
	}
	else {
		// The app's own note is English, as API texts are: it goes in the tooltip.
		line.textContent = answer.model === 'virtual-threads' ? t('loops.virtual.none') : t('loops.none');
		line.title = (answer.notes && answer.notes.virtualScheduler) || '';
	}
	const extra = Math.max(0, Math.min(silentMs, STALE_MS));
	const heldNow = drawLanes(app, answer.loops, now, extra);
	held.textContent = heldNow.length
		? heldNow.map((h) => t('loops.held', h.number, num(h.ms / 1000, 1))).join(' · ')
		: answer.loops.length ? t('loops.heldNone') : '';
	held.classList.toggle('on', heldNow.length > 0);
}

// One lane per loop; returns the loops held now, with how long, counted on by `extra` ms
// since the answer when no newer one came.
function drawLanes(app, loops, now, extra) {
	const container = app.box.querySelector('.lanes');
	container.hidden = !loops.length;
	const seen = new Set();
	const held = [];
	for (const loop of loops) {
		seen.add(loop.thread);
		let lane = app.lanes.get(loop.thread);
		if (!lane) {
			lane = makeLane(loop.thread);
			app.lanes.set(loop.thread, lane);
			container.append(lane.row);
			[...app.lanes.values()].sort((a, b) => a.number - b.number).forEach((l) => container.append(l.row));
		}
		const isHeld = loop.lagMs.now >= HELD_MS || loop.state === 'blocked';
		const heldMs = loop.lagMs.now + (isHeld ? extra : 0);
		lane.row.dataset.state = loop.state;
		lane.row.dataset.held = String(isHeld);
		lane.row.dataset.lagMs = loop.lagMs.now.toFixed(1);
		lane.state.textContent = STATES[loop.state] ? t(STATES[loop.state]) : loop.state;
		lane.lag.textContent = lag(heldMs);
		lane.p99.textContent = lag(loop.lagMs.p99);
		lane.util.textContent = percent(loop.utilization);
		lane.meter.style.width = (100 * Math.min(1, loop.utilization)) + '%';
		lane.bar.hidden = !isHeld;
		if (isHeld) {
			lane.fill.style.width = (100 * Math.min(1, heldMs / FULL_BAR_MS)) + '%';
			lane.text.textContent = t('loops.held', lane.number, num(heldMs / 1000, 1));
			held.push({ number: lane.number, ms: heldMs });
		}
		spark(lane.canvas, app.history, loop.thread, now);
	}
	for (const [thread, lane] of app.lanes) {
		if (!seen.has(thread)) {
			lane.row.remove();
			app.lanes.delete(thread);
		}
	}
	return held;
}

function makeLane(thread) {
	const row = document.createElement('div');
	row.className = 'lane';
	row.dataset.thread = thread;
	row.dataset.testid = 'lane';
	const cell = (className) => {
		const span = document.createElement('span');
		span.className = className;
		row.append(span);
		return span;
	};
	cell('lane-name').textContent = thread;
	const state = cell('lane-state');
	const lagCell = cell('lane-lag');
	const p99 = cell('lane-p99');
	const utilCell = cell('lane-util');
	const util = document.createElement('span');
	const gauge = document.createElement('i');
	gauge.className = 'lane-meter';
	const meter = document.createElement('b');
	gauge.append(meter);
	utilCell.append(util, gauge);
	const canvas = document.createElement('canvas');
	canvas.className = 'lane-spark';
	row.append(canvas);
	const bar = document.createElement('div');
	bar.className = 'lane-held';
	bar.dataset.testid = 'loop-held';
	bar.hidden = true;
	const fill = document.createElement('i');
	const text = document.createElement('span');
	bar.append(fill, text);
	row.append(bar);
	const number = Number((/(\d+)$/.exec(thread) || [0, 0])[1]);
	return { row, state, lag: lagCell, p99, util, meter, canvas, bar, fill, text, number };
}

function lag(ms) {
	return ms < 10 ? t('loops.lag.fine', num(ms, 1)) : duration(ms);
}

// The last minute of one loop's lag now, on a scale of at least the held threshold, so an
// idle loop draws flat and a held one fills the height in red.
function spark(canvas, history, thread, now) {
	const { g, width, height } = fit(canvas, 22);
	const points = [];
	for (const h of history) {
		const loop = h.loops && h.loops.find((l) => l.thread === thread);
		if (loop) points.push([h.at, loop.lagMs.now]);
	}
	if (!points.length) return;
	const top = Math.max(HELD_MS * 2, ...points.map((p) => p[1]));
	const x = (at) => width - ((now - at) / WINDOW_MS) * width;
	const y = (ms) => height - 1 - (ms / top) * (height - 2);
	const good = color('event-loop');
	const bad = color('bad');
	for (let i = 0; i < points.length; i++) {
		const [at, ms] = points[i];
		const next = i + 1 < points.length ? points[i + 1][0] : now;
		g.fillStyle = ms >= HELD_MS ? bad : good;
		g.fillRect(x(at), y(ms), Math.max(1, x(next) - x(at)), height - y(ms));
	}
	canvas.title = t('loops.spark.peak', lag(top === HELD_MS * 2 ? Math.max(...points.map((p) => p[1])) : top));
}
