// The shared counter race's line on each card: what the answered requests should have
// counted against what the app's counter holds (RaceSummary.counter, null in other races).
import { num, t } from './i18n.js';

/** ' · expected …, counted …, lost …' for a summary with a counter, else ''. */
export function counterText(summary) {
	const counter = summary && summary.counter;
	if (!counter) return '';
	return t('tour.counter.summary', num(counter.expected), num(counter.counted), num(counter.expected - counter.counted));
}
