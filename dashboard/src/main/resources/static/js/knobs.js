// The Tomcat thread knob on each app's card: where it stands, and turning it.

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
	note(card, state.state === 'on' ? '' : state.note);
}

function note(card, text) {
	card.querySelector('.knob-note').textContent = text;
}

for (const [app, card] of cards) {
	for (const button of card.querySelectorAll('button.knob-set')) {
		button.addEventListener('click', async () => {
			note(card, `setting ${button.dataset.max}…`);
			const response = await fetch(`/api/knobs/${encodeURIComponent(app)}/tomcat-threads?max=${button.dataset.max}`,
				{ method: 'PUT' }).catch(() => null);
			if (!response) {
				note(card, 'the dashboard did not answer');
				return;
			}
			const body = await response.json().catch(() => ({}));
			if (!response.ok) {
				note(card, body.detail || `not changed (${response.status})`);
				return;
			}
			show({ app, state: 'on', tomcatMaxThreads: body.tomcatMaxThreads, note: '' });
		});
	}
}
