import { num, t } from './i18n.js';

// The card's database line: which database the app runs on and how large its pool is,
// from the sample's threads.dbPool. The pool's use (in use, waiting) stays on the db-pool
// line beside it; this line says what that pool talks to, since on PostgreSQL every
// waiting query holds one of those connections and on H2 only holdConnection=true does.

/** Fills one card's database line from a pool snapshot, or empties it without one. */
export function showDatabase(card, pool) {
	const line = card.querySelector('.database');
	if (!line) return;
	if (!pool) {
		// Hikari opens its pool on the first borrow: until then nobody knows the database.
		line.textContent = '';
		delete line.dataset.database;
		return;
	}
	line.textContent = describe(pool);
	line.dataset.database = pool.database;
	line.dataset.address = pool.address || '';
	line.dataset.max = pool.max;
}

function describe(pool) {
	if (pool.database === 'postgresql') {
		return pool.address ? t('database.card.postgresql', pool.address, num(pool.max))
			: t('database.card.postgresqlSomewhere', num(pool.max));
	}
	if (pool.database === 'h2') return t('database.card.h2', num(pool.max));
	return t('database.card.other', pool.database, num(pool.max));
}
