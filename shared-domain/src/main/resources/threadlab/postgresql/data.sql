-- Items 1 to 1000, the same as on H2, restored at every start: the rows a reused database
-- lost or changed are put back, and items added since (id 1001 and up) are kept. The identity
-- then continues after the highest id, so a new item never takes a seed id, however many
-- items earlier runs added. One statement (a DO block, one transaction) under the same lock
-- as the schema, for concurrent starts.
DO $$
BEGIN
	PERFORM pg_advisory_xact_lock(7041226);
	INSERT INTO items (id, name, created_at)
	SELECT n, 'item-' || n, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'
	FROM generate_series(1, 1000) AS n
	ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, created_at = EXCLUDED.created_at
	WHERE items.name IS DISTINCT FROM EXCLUDED.name OR items.created_at IS DISTINCT FROM EXCLUDED.created_at;
	PERFORM setval(pg_get_serial_sequence('items', 'id'), GREATEST((SELECT max(id) FROM items), 1000));
END
$$
