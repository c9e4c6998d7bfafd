package dev.threadlab.dashboard.race;

import java.util.ArrayList;
import java.util.List;

import dev.threadlab.dashboard.knobs.TomcatKnob;
import dev.threadlab.dashboard.lab.LabApp;
import org.jspecify.annotations.Nullable;

/**
 * One app's run of a race: most races have one per app; a race with rounds on several
 * Tomcat thread counts has one per count for each app with a Tomcat request pool.
 *
 * @param key names the run in results, summaries and costs: the app's name, or for a
 * round {@code <app>@<threads>}, as {@code blocking@2000}
 * @param app the app
 * @param tomcatThreads the Tomcat threads the app runs this leg on, {@code null} when the
 * race leaves them alone
 */
public record RaceLeg(String key, String app, @Nullable Integer tomcatThreads) {

	/**
	 * The legs of a race, in the order they run.
	 * @param plan the race
	 * @param apps the apps it goes to
	 * @return each app's legs, app after app, rounds in the plan's order
	 */
	public static List<RaceLeg> of(RacePlan plan, List<LabApp> apps) {
		List<RaceLeg> legs = new ArrayList<>();
		for (LabApp app : apps) {
			if (plan.tomcatThreads().isEmpty() || !TomcatKnob.resizable(app)) {
				legs.add(new RaceLeg(app.name(), app.name(), null));
				continue;
			}
			for (int threads : plan.tomcatThreads()) {
				legs.add(new RaceLeg(app.name() + "@" + threads, app.name(), threads));
			}
		}
		return legs;
	}

}
