// The Tomcat thread knob on each app's card: where it stands, and turning it.

import { num, t } from './i18n.js';

const cards = new Map([...document.querySelectorAll('article.app')].map((card) => [card.dataset.app, card]));

export async function refreshKnobs() {
	const response = await fetch('/api/knobs').catch(() => null);
	if (!response || !response.ok) return;
	for (const state of await response.json()) show(state);
}

function show(state) {
	const card = cards.get(state.app);
	if (!card) return;
	const knob = card.querySelector('.knob');
	// Only a thread pool that can be resized gets a knob; an app whose knobs are off
	// says how to turn them on.
	knob.hidden = state.state !== 'on' && state.state !== 'off';
	knob.dataset.state = state.state;
	knob.dataset.max = state.tomcatMaxThreads ?? '';
	for (const button of knob.querySelectorAll('button.knob-set')) {
		button.disabled = state.state !== 'on';
		button.classList.toggle('on', Number(button.dataset.max) === state.tomcatMaxThreads);
	}
	note(card, state.state === 'on' ? '' : NOTES[state.state] || t('knob.note.unknown'));
}

// The page's own words for each state; the API's note stays English for curl users.
const NOTES = { off: t('knob.note.off'), none: t('knob.note.none'), unknown: t('knob.note.unknown') };

function note(card, text) {
	card.querySelector('.knob-note').textContent = text;
}

for (const [app, card] of cards) {
	for (const button of card.querySelectorAll('button.knob-set')) {
		button.addEventListener('click', async () => {
			note(card, t('knob.setting', num(Number(button.dataset.max))));
			const response = await fetch(`/api/knobs/${encodeURIComponent(app)}/tomcat-threads?max=${button.dataset.max}`,
				{ method: 'PUT' }).catch(() => null);
			if (!response) {
				note(card, t('knob.noAnswer'));
				return;
			}
			const body = await response.json().catch(() => ({}));
			if (!response.ok) {
				// The problem's detail stays English, as the API gave it.
				note(card, t('knob.refused', body.detail || response.status));
				return;
			}
			show({ app, state: 'on', tomcatMaxThreads: body.tomcatMaxThreads, note: '' });
		});
	}
}
