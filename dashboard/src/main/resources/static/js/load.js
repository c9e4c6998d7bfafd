// The load panel: starts a run, shows each second of it, and the results table.

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
		status.textContent = problem.detail || `could not start (${response.status})`;
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
	const size = state.plan.model === 'OPEN' ? `${state.plan.rate}/s` : `${state.plan.concurrency} clients`;
	const warmup = seconds(state.plan.warmup);
	if (state.running) {
		status.textContent = `Loading ${state.current} (${state.apps.join(', then ')}): ${size}, ` +
			`${state.plan.endpoint}?delayMs=${state.plan.delayMs}` +
			(warmup > 0 ? `, after a ${warmup} s warm-up that is not counted` : '');
	} else {
		status.textContent = state.error ? `Stopped: ${state.error}` : `Done: ${state.results.length} of ${state.apps.length} apps.`;
	}
	body.replaceChildren(...state.results.map(row));
}

function showProgress(p) {
	status.textContent = `${p.app}: ${p.warmingUp ? 'warming up, ' : ''}${(p.elapsedMs / 1000).toFixed(0)} s, ` +
		`${p.throughput.toFixed(0)}/s, p50 ${p.latency.p50.toFixed(0)} ms, p99 ${p.latency.p99.toFixed(0)} ms, ` +
		`${p.inFlight} in flight, ${p.errors} errors` +
		(p.rssBytes >= 0 ? `, RSS ${(p.rssBytes / 1048576).toFixed(0)} MB` : '');
}

function row(r) {
	const tr = document.createElement('tr');
	const size = r.plan.model === 'OPEN' ? `${r.plan.rate}/s` : `C=${r.plan.concurrency}`;
	const errors = Object.entries(r.errors).map(([kind, n]) => `${kind}: ${n}`).join(', ') || '0';
	const known = (n) => (n >= 0 ? String(n) : '–');
	const mb = (n) => (n >= 0 ? (n / 1048576).toFixed(0) : '–');
	const cells = [r.app, r.plan.model.toLowerCase(), size, r.throughput.toFixed(1),
		r.efficiency > 0 ? r.efficiency.toFixed(2) : '–', r.latency.p50.toFixed(0), r.latency.p90.toFixed(0),
		r.latency.p99.toFixed(0), r.latency.p999.toFixed(0), r.latency.max.toFixed(0), errors,
		known(r.peakThreads) + (r.peakVirtualThreads > 0 ? ` + ${r.peakVirtualThreads} virtual` : ''),
		known(r.peakServerInFlight), mb(r.peakHeapBytes), mb(r.peakRssBytes),
		r.engineCpu >= 0 ? `${(r.engineCpu * 100).toFixed(0)}%` : '–'];
	for (const text of cells) {
		const td = document.createElement('td');
		td.textContent = text;
		tr.append(td);
	}
	return tr;
}
