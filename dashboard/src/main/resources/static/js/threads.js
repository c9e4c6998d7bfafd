import uPlot from 'uplot';
import { POOLS, color, alpha, fit } from './colors.js';
import { num, t } from './i18n.js';

const WINDOW_S = 60;
const STATE_ORDER = ['RUNNABLE', 'BLOCKED', 'WAITING', 'TIMED_WAITING', 'NEW', 'TERMINATED'];

// One app's live threads: a square per thread, and the last minute stacked by pool.
export class ThreadsView {

	constructor(card) {
		this.card = card;
		this.samples = [];
		this.grid = card.querySelector('canvas.grid');
		this.states = card.querySelector('.states');
		this.chartBox = card.querySelector('.chart');
		this.plot = null;
	}

	add(sample) {
		this.samples.push(sample);
		const horizon = Date.parse(sample.at) - WINDOW_S * 1000;
		while (this.samples.length && Date.parse(this.samples[0].at) < horizon) this.samples.shift();
		this.last = sample;
	}

	peak() {
		return this.samples.reduce((max, s) => Math.max(max, s.threads ? s.threads.live : 0), 0);
	}

	// Squares are the same size in every card, so 200 threads look like 200 next to 25.
	drawGrid(squareRows) {
		const snapshot = this.last && this.last.threads;
		const size = 12, gap = 3, step = size + gap;
		const perRow = Math.max(1, Math.floor((this.grid.clientWidth || 400) / step));
		const { g } = fit(this.grid, Math.max(squareRows, 1) * step);
		if (!snapshot) {
			this.states.textContent = '';
			return perRow;
		}
		let i = 0;
		for (const pool of POOLS) {
			const p = snapshot.pools.find((x) => x.name === pool);
			if (!p || !p.live) continue;
			const c = color(pool);
			for (const state of STATE_ORDER) {
				const n = (p.states && p.states[state]) || 0;
				for (let k = 0; k < n; k++, i++) square(g, (i % perRow) * step, Math.floor(i / perRow) * step, size, c, state);
			}
		}
		const s = snapshot.states;
		const parked = (s.WAITING || 0) + (s.TIMED_WAITING || 0);
		this.states.textContent = t('card.states', num(s.RUNNABLE || 0), num(parked), num(s.BLOCKED || 0),
			num(snapshot.peak), num(snapshot.availableProcessors), snapshot.javaVersion.split(/[+-]/)[0])
			+ (snapshot.pinnedEvents != null ? t('card.states.pinned', num(snapshot.pinnedEvents)) : '');
		return perRow;
	}

	rowsNeeded(perRow) {
		const live = this.last && this.last.threads ? this.last.threads.live : 0;
		return Math.ceil(live / perRow);
	}

	drawChart(yMax, now) {
		const width = this.chartBox.clientWidth || 400;
		const xs = [], stacks = POOLS.map(() => []);
		for (const s of this.samples) {
			xs.push(Date.parse(s.at) / 1000 - now);
			let sum = 0;
			const totals = POOLS.map((pool) => {
				const p = s.threads && s.threads.pools.find((x) => x.name === pool);
				sum += p ? p.live : 0;
				return s.threads ? sum : null;
			});
			// Drawn from the top stack down, each filled to zero, so the pools appear stacked.
			for (let k = 0; k < POOLS.length; k++) stacks[k].push(totals[POOLS.length - 1 - k]);
		}
		const data = [xs, ...stacks];
		if (!this.plot) {
			const series = [{}, ...POOLS.slice().reverse().map((pool) => ({
				label: pool, stroke: color(pool), fill: alpha(color(pool), 0.85), width: 1, points: { show: false }, spanGaps: false,
			}))];
			this.plot = new uPlot({
				width, height: 150, series, legend: { show: false }, cursor: { show: false },
				scales: { x: { time: false, range: () => [-WINDOW_S, 0] }, y: { range: () => [0, this.yMax] } },
				axes: [
					{ stroke: '#8b939e', grid: { stroke: '#2c323c' }, ticks: { stroke: '#2c323c' }, incrs: [10, 20, 30],
						values: (u, vals) => vals.map((v) => (v === 0 ? t('chart.now') : t('chart.seconds', num(v)))) },
					{ stroke: '#8b939e', grid: { stroke: '#2c323c' }, ticks: { stroke: '#2c323c' }, size: 44,
						values: (u, vals) => vals.map((v) => num(v)) },
				],
			}, data, this.chartBox);
		}
		this.now = now;
		this.yMax = yMax;
		if (this.plot.width !== width) this.plot.setSize({ width, height: 150 });
		this.plot.setData(data);
	}
}

function square(g, x, y, size, c, state) {
	if (state === 'RUNNABLE') {
		g.fillStyle = c;
		g.fillRect(x, y, size, size);
	}
	else if (state === 'BLOCKED') {
		g.fillStyle = c;
		g.fillRect(x, y, size, size);
		g.strokeStyle = '#ef4444';
		g.lineWidth = 2;
		g.strokeRect(x + 1, y + 1, size - 2, size - 2);
	}
	else {
		// Parked: the thread exists and holds its stack, but does nothing.
		g.fillStyle = alpha(c, 0.18);
		g.fillRect(x, y, size, size);
		g.strokeStyle = c;
		g.lineWidth = 1.5;
		g.strokeRect(x + 0.75, y + 0.75, size - 1.5, size - 1.5);
	}
}
