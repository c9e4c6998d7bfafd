import { color, alpha, fit, poolOfThread } from './colors.js';
import { num, ordinal, t } from './i18n.js';

const LABELLED_ROWS = 14;
const FONT = '11px system-ui, "DejaVu Sans", sans-serif';

function ticks(g, width, height, left, span, format) {
	const step = span > 20000 ? 5000 : span > 6000 ? 1000 : span > 2500 ? 500 : span > 800 ? 250 : 100;
	g.font = FONT;
	g.textBaseline = 'alphabetic';
	for (let at = 0; at <= span; at += step) {
		const x = left + (at / span) * (width - left - 4);
		g.fillStyle = '#2c323c';
		g.fillRect(x, 0, 1, height - 14);
		g.fillStyle = '#8b939e';
		g.fillText(format(at), Math.min(x + 2, width - 30), height - 2);
	}
}

// A tick's label: whole seconds bare, others to a tenth.
function tick(ms) {
	return num(ms / 1000, ms % 1000 === 0 ? 0 : 1);
}

// Completion rank by the server's counter; ties and missing traces by client time.
function ranks(items, completion) {
	const sorted = items.slice().sort((a, b) => completion(a) - completion(b));
	const rank = new Map();
	sorted.forEach((item, i) => rank.set(item, i + 1));
	return rank;
}

/**
 * A race for one app: a bar per request, in the order the server took them, grey while
 * the request waited unseen, coloured while it was served. Every app shares the x scale.
 */
export function drawRace(canvas, results, spanMs, model, binMax) {
	const n = results.length;
	const labelled = n <= LABELLED_ROWS;
	const histogram = labelled ? 0 : 46;
	const plotHeight = labelled ? Math.max(n, 3) * 22 : 170;
	const { g, width, height } = fit(canvas, plotHeight + histogram + 16);
	if (!n) return;
	const left = labelled ? 44 : 4;
	const span = Math.max(spanMs, 100);
	ticks(g, width, height, left, span, (ms) => t('chart.seconds', tick(ms)));
	const rows = results.slice().sort((a, b) => arrival(a) - arrival(b) || a.index - b.index);
	const rank = ranks(results, (r) => (r.trace ? r.trace.completion : Number.MAX_SAFE_INTEGER) + r.doneMs / 1e9);
	const served = color(modelPool(model));
	const rowHeight = plotHeight / Math.max(rows.length, labelled ? 3 : 1);
	const x = (ms) => left + (Math.min(ms, span) / span) * (width - left - 4);
	g.font = FONT;
	g.textBaseline = 'middle';
	rows.forEach((r, i) => {
		const y = i * rowHeight;
		const h = labelled ? rowHeight - 6 : Math.max(rowHeight, 1);
		const top = labelled ? y + 3 : y;
		const start = r.sentMs, done = r.sentMs + r.latencyMs;
		if (r.error || r.status >= 400) {
			g.fillStyle = '#ef4444';
			g.fillRect(x(start), top, Math.max(x(done) - x(start), 2), h);
		}
		else {
			g.fillStyle = '#6b7280';
			g.fillRect(x(start), top, Math.max(x(start + r.waitingMs) - x(start), 0), h);
			g.fillStyle = served;
			g.fillRect(x(start + r.waitingMs), top, Math.max(x(done) - x(start + r.waitingMs), 1.5), h);
		}
		if (labelled) {
			g.fillStyle = '#e6e8eb';
			g.fillText(r.label, 4, y + rowHeight / 2);
			const trace = r.trace;
			const threads = trace ? (trace.startThread === trace.endThread ? trace.startThread
				: `${trace.startThread} → ${trace.endThread}`) : (r.error || '');
			const text = `${ordinal(rank.get(r))} · ${threads}`;
			label(g, text, x(start), x(done), width, y + rowHeight / 2, left);
		}
	});
	if (histogram) {
		// Answers per 100 ms: one hump per wave.
		const counts = answersPerBin(results, span);
		const bin = BIN_MS, top = plotHeight + 4, most = Math.max(binMax || 0, ...counts, 1);
		g.fillStyle = '#2c323c';
		g.fillRect(left, top + histogram - 5, width - left - 4, 1);
		g.fillStyle = served;
		counts.forEach((c, i) => {
			const h = (c / most) * (histogram - 8);
			g.fillRect(x(i * bin), top + histogram - 5 - h, Math.max(x((i + 1) * bin) - x(i * bin) - 1, 1), h);
		});
		g.fillStyle = '#8b939e';
		g.textBaseline = 'top';
		g.fillText(t('card.race.answersOverTime'), left + 4, top);
	}
}

const BIN_MS = 100;

/** How many answers came in each 100 ms of a race; every app's strip shares one scale. */
export function answersPerBin(results, spanMs) {
	const span = Math.max(spanMs, 100);
	const counts = new Array(Math.ceil(span / BIN_MS) + 1).fill(0);
	for (const r of results) counts[Math.floor(Math.min(r.sentMs + r.latencyMs, span) / BIN_MS)]++;
	return counts;
}

// After the bar when it fits, else before it, else inside its end in dark ink.
function label(g, text, from, to, width, y, minX) {
	const w = g.measureText(text).width;
	g.fillStyle = '#e6e8eb';
	if (to + 6 + w <= width) {
		g.fillText(text, to + 6, y);
	}
	else if (from - 6 - w >= minX) {
		g.fillText(text, from - 6 - w, y);
	}
	else {
		g.fillStyle = '#111418';
		g.fillText(text, Math.max(from + 4, to - w - 6), y);
	}
}

function arrival(r) {
	return r.trace ? r.trace.arrival : Number.MAX_SAFE_INTEGER;
}

function modelPool(model) {
	return model === 'event-loop' ? 'event-loop' : model === 'virtual-threads' ? 'virtual-carriers' : 'request-workers';
}

/**
 * The requests an app finished lately, from arrival to completion. By arrival: a row each,
 * those that finished before an earlier one marked. By thread: a lane per thread that took
 * them, so thread-per-request shows one bar per lane and the event loop many.
 */
export function drawTimeline(canvas, entries, nowMs, windowMs, view, model) {
	const own = color(modelPool(model));
	const from = nowMs - windowMs;
	const shown = entries.filter((e) => e.end >= from);
	const byThread = view === 'thread';
	const lanes = byThread ? [...new Set(shown.map((e) => e.startThread))].sort(threadOrder) : null;
	const count = byThread ? lanes.length : shown.length;
	const labelled = count <= LABELLED_ROWS;
	const plotHeight = labelled ? Math.max(count, 4) * 16 : 180;
	const { g, width, height } = fit(canvas, plotHeight + 16);
	const left = byThread && labelled ? 150 : 4;
	ticks(g, width, height, left, windowMs, (ms) => ms === windowMs ? t('chart.now') : t('chart.secondsAgo', tick(windowMs - ms)));
	if (!count) {
		g.fillStyle = '#8b939e';
		g.font = FONT;
		g.fillText(t('card.timeline.empty'), left + 8, plotHeight / 2);
		return;
	}
	const x = (ms) => left + ((Math.max(ms, from) - from) / windowMs) * (width - left - 4);
	const rowHeight = plotHeight / count;
	const sorted = shown.slice().sort((a, b) => a.arrival - b.arrival);
	const rank = ranks(shown, (e) => e.completion);
	g.font = FONT;
	g.textBaseline = 'middle';
	if (byThread) {
		const laneOf = new Map(lanes.map((name, i) => [name, i]));
		if (labelled) lanes.forEach((name, i) => {
			g.fillStyle = '#8b939e';
			g.fillText(name.length > 24 ? '…' + name.slice(-23) : name, 4, i * rowHeight + rowHeight / 2);
		});
		for (const e of sorted) {
			const y = laneOf.get(e.startThread) * rowHeight;
			g.fillStyle = alpha(own, 0.45);
			g.fillRect(x(e.start), y + 1, Math.max(x(e.end) - x(e.start), 1.5), Math.max(rowHeight - 2, 1));
		}
		return;
	}
	let latest = -1;
	sorted.forEach((e, i) => {
		const overtook = e.completion < latest;
		latest = Math.max(latest, e.completion);
		const y = i * rowHeight;
		const h = labelled ? rowHeight - 4 : Math.max(rowHeight - 0.5, 1);
		const top = labelled ? y + 2 : y;
		g.fillStyle = own;
		g.fillRect(x(e.start), top, Math.max(x(e.end) - x(e.start), 1.5), h);
		if (overtook) {
			// Finished before a request that arrived earlier.
			g.fillStyle = '#ffffff';
			g.fillRect(x(e.end) + 1, top, 3, h);
		}
		if (labelled) {
			const threads = e.startThread === e.endThread ? e.startThread : `${e.startThread} → ${e.endThread}`;
			const text = `${ordinal(rank.get(e))}${overtook ? t('card.timeline.overtook') : ''} · ${e.method} ${e.path} · ${threads}`;
			label(g, text, x(e.start), x(e.end) + 4, width, y + rowHeight / 2, left);
		}
	});
}

function threadOrder(a, b) {
	const pa = poolOfThread(a), pb = poolOfThread(b);
	if (pa !== pb) return pa < pb ? -1 : 1;
	// Thread names are the JVM's, not words: compared the same in every language.
	return a.localeCompare(b, 'en', { numeric: true });
}
