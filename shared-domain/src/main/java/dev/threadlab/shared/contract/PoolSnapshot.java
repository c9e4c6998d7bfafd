package dev.threadlab.shared.contract;

import java.util.Map;

/**
 * The live platform threads of one pool, by state.
 *
 * @param name the pool's name, one of {@link dev.threadlab.shared.threads.ThreadPool}
 * @param live how many threads it has
 * @param states how many are in each {@link Thread.State}, states with none left out
 */
public record PoolSnapshot(String name, int live, Map<String, Integer> states) {
}
