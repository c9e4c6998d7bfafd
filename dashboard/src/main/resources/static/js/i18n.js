// The page's words. They come from the same bundles as the template's
// (messages.properties, messages_ko.properties), which the page carries, resolved for its
// language, in <script type="application/json" id="messages">. Keys are written out in
// full wherever t() is called, so that MessageBundlesTests can check each one exists.

const element = document.getElementById('messages');
const messages = element ? JSON.parse(element.textContent) : {};

/** The page's language, as the server resolved it (<html lang>). */
export const lang = document.documentElement.lang || 'en';

/** A message with its {0}, {1} … filled in; arguments are shown as given. */
export function t(key, ...args) {
	const pattern = messages[key];
	if (pattern === undefined) {
		// Loud in the console, which the browser tests watch, and visible on the page.
		console.error(`no message '${key}' in the bundle`);
		return key;
	}
	return pattern.replace(/\{(\d+)\}/g, (placeholder, i) => (i < args.length ? String(args[i]) : placeholder));
}

const formats = new Map();

/** A number in the page's language, with exactly this many decimals. */
export function num(value, digits = 0) {
	let format = formats.get(digits);
	if (!format) {
		format = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
		formats.set(digits, format);
	}
	return format.format(value);
}

/** Milliseconds as seconds, with the unit the page's bundle gives (unit.s). */
export function seconds(ms, digits = 2) {
	return t('unit.s', num(ms / 1000, digits));
}

/** A duration as ms below a second, else as seconds. */
export function duration(ms) {
	return ms >= 1000 ? seconds(ms) : t('unit.ms', num(ms));
}

const ordinals = new Intl.PluralRules(lang, { type: 'ordinal' });
const RANKS = { one: 'rank.one', two: 'rank.two', few: 'rank.few', other: 'rank.other' };

/** An ordinal in the page's language (1st, 2nd, 3rd …), from the bundle's rank.* keys. */
export function ordinal(n) {
	return t(RANKS[ordinals.select(n)] || 'rank.other', num(n));
}

const percents = new Intl.NumberFormat(lang, { style: 'percent' });

/** A share (0.42) as a percentage in the page's language. */
export function percent(share) {
	return percents.format(share);
}
