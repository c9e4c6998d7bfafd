package dev.threadlab.dashboard.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.threadlab.dashboard.knobs.TomcatKnob;
import dev.threadlab.dashboard.lab.LabApp;

/**
 * Writes a race as shell commands, so it can be sent again without the dashboard.
 */
public final class CurlCommands {

	private static final String FORMAT = "-w '%{http_code} %{time_total}s\\n'";

	private CurlCommands() {
	}

	/**
	 * The commands that send a plan's requests to one app.
	 * @param plan the race
	 * @param app the app
	 * @return a shell snippet, one command a line
	 */
	public static String of(RacePlan plan, LabApp app) {
		List<String> lines = new ArrayList<>();
		boolean counter = SharedCounterRace.PLAN.id().equals(plan.id());
		if (counter) {
			lines.add("curl -s -o /dev/null -X DELETE '" + app.text("/api/lab/counter") + "'");
		}
		if (plan.tomcatThreads().isEmpty() || !TomcatKnob.resizable(app)) {
			requests(plan, app, lines);
		}
		else {
			// One round per thread count, the knob turned first. The dashboard turns it
			// back after its race; by hand, that is the last line's job.
			for (int threads : plan.tomcatThreads()) {
				lines.add("# on " + threads + " Tomcat threads");
				lines.add("curl -s -o /dev/null -X PUT '" + app.text(TomcatKnob.setPath(threads)) + "'");
				requests(plan, app, lines);
			}
			lines.add("# then put the knob back where it stood, e.g. Tomcat's 200:");
			lines.add("curl -s -o /dev/null -X PUT '" + app.text(TomcatKnob.setPath(200)) + "'");
		}
		if (counter) {
			lines.add("curl -s '" + app.text("/api/lab/counter") + "'; echo");
		}
		return String.join("\n", lines);
	}

	private static void requests(RacePlan plan, LabApp app, List<String> lines) {
		int at = 0;
		for (RaceGroup group : plan.groups()) {
			String curl = "curl -s -o /dev/null " + ("GET".equals(group.method()) ? "" : "-X " + group.method() + " ");
			if (group.startMs() > at) {
				lines.add("sleep " + seconds(group.startMs() - at));
				at = group.startMs();
			}
			String url = app.text(group.path());
			if (group.count() == 1) {
				lines.add(curl + FORMAT + " '" + url + "' &");
			}
			else if (group.spacingMs() > 0) {
				lines.add("for n in $(seq 1 " + group.count() + "); do " + curl + FORMAT + " '"
						+ url.replace("{n}", "'$n'") + "' & sleep " + seconds(group.spacingMs()) + "; done");
				at += group.count() * group.spacingMs();
			}
			else {
				// Item ids go from 1 to 1000; a larger group wraps around, as the
				// dashboard does.
				String ids = (group.count() > 1000 && group.path().contains("{n}"))
						? " | awk '{print ($1 - 1) % 1000 + 1}'" : "";
				lines.add("seq 1 " + group.count() + ids + " | xargs -P " + Math.min(plan.concurrency(), group.count())
						+ " -I{} " + curl + FORMAT + " '" + url.replace("{n}", "{}") + "' &");
			}
		}
		lines.add("wait");
	}

	private static String seconds(int ms) {
		return String.format(Locale.ROOT, "%.2f", ms / 1000.0);
	}

}
