// Colours come from the stylesheet, so the page and its legend agree.
const css = getComputedStyle(document.documentElement);

export const POOLS = ['request-workers', 'event-loop', 'virtual-carriers', 'worker-pool', 'timers', 'db-pool', 'other'];

export function color(name) {
	return css.getPropertyValue('--' + name).trim() || '#888';
}

export const MODEL_POOL = {
	'thread-per-request': 'request-workers',
	'event-loop': 'event-loop',
	'virtual-threads': 'virtual-carriers',
};

export function poolOfThread(name) {
	if (!name) return 'other';
	if (name.startsWith('reactor-http-')) return 'event-loop';
	if (name.startsWith('tomcat-handler-') || /^https?-\w+-.*-exec-\d+$/.test(name)) return 'request-workers';
	if (name.startsWith('parallel-')) return 'timers';
	if (name.startsWith('boundedElastic-') || name.startsWith('file-io-') || name.startsWith('task-')) return 'worker-pool';
	if (name.startsWith('HikariPool-') || name.startsWith('r2dbc-')) return 'db-pool';
	if (/^ForkJoinPool-\d+-worker-\d+$/.test(name)) return 'virtual-carriers';
	if (name === '' || name.startsWith('virtual')) return 'virtual-carriers';
	return 'other';
}

export function alpha(hex, a) {
	const n = parseInt(hex.slice(1), 16);
	return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

// A canvas sized for the screen's pixel density; returns its context in CSS pixels.
export function fit(canvas, height) {
	const ratio = window.devicePixelRatio || 1;
	const width = canvas.clientWidth || canvas.parentElement.clientWidth;
	if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
		canvas.width = Math.round(width * ratio);
		canvas.height = Math.round(height * ratio);
		canvas.style.height = height + 'px';
	}
	const g = canvas.getContext('2d');
	g.setTransform(ratio, 0, 0, ratio, 0, 0);
	g.clearRect(0, 0, width, height);
	return { g, width, height };
}
