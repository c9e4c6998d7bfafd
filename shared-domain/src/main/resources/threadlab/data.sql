-- Items 1 to 1000, the same on every contender; ids come from the identity column, so the
-- next insert gets 1001.
INSERT INTO items (name, created_at)
SELECT 'item-' || X, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'
FROM SYSTEM_RANGE(1, 1000)
ORDER BY X;
