package org.repsim.scenario.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run's time goes, from the JVM's own execution samples (JDK Flight Recorder,
 * {@code jdk.ExecutionSample}): {@code bench model --profile}. Each sample is a thread's stack at
 * one instant; of those taken inside the kernel's run loop this counts the method on top (the
 * frame sampled) and the event whose action was running (the method the kernel's {@code fire}
 * called: a component's method, or a lambda's body, {@code lambda$…}, under the class that declares
 * it). Samples in the loop but outside an action are the kernel's own: taking the next event.
 *
 * <p>A sample lands where the processor was; without {@code -XX:+DebugNonSafepoints} the JVM
 * records fewer places in compiled code and a sample may be charged to a nearby one.
 */
final class ExecutionProfile {
    /** Kind of the samples in the run loop outside any action. */
    static final String TAKING_NEXT = "(kernel: taking the next event)";
    /** Kind of the samples in the kernel's fire itself. */
    static final String FIRING = "(kernel: firing)";
    private static final String KERNEL = "org.repsim.core.kernel.dsol.DsolKernel";
    private static final String JOINED_POSTS = "org.repsim.core.kernel.dsol.AdjacentPosts";
    /** Sampling period: the JFR "profile" setting's. */
    static final Duration PERIOD = Duration.ofMillis(10);

    /** A name and its samples. */
    record Share(String name, long samples) {
    }

    /** A profile: all samples of the thread, those in the run loop, and the loop's by top frame and by event kind, most first. */
    record Profile(long samples, long inRunLoop, List<Share> frames, List<Share> events) {
        double share(long n) {
            return inRunLoop == 0 ? 0 : (double) n / inRunLoop;
        }
    }

    /**
     * One frame of a stack: the declaring type's binary name, the method, and whether the frame is
     * the JVM's own glue (a lambda's generated class), which the profile looks through.
     */
    record Frame(String type, String method, boolean hidden) {
        /** {@code Type.method} with the package left out, as the tables print it. */
        String shortName() {
            return simple(type) + "." + method;
        }
    }

    private ExecutionProfile() {
    }

    /** Runs {@code work} on this thread under a flight recording and returns this thread's samples. */
    static Profile record(Runnable work) {
        Path file;
        try {
            file = Files.createTempFile("repsim-profile-", ".jfr");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a file for the flight recording", e);
        }
        try {
            long thread = Thread.currentThread().getId();
            try (Recording r = new Recording()) {
                r.enable("jdk.ExecutionSample").withPeriod(PERIOD);
                r.start();
                work.run();
                r.stop();
                r.dump(file);
            }
            List<List<Frame>> stacks = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                if (e.getThread("sampledThread") == null || e.getThread("sampledThread").getJavaThreadId() != thread) {
                    continue;
                }
                List<Frame> stack = new ArrayList<>();
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    stack.add(new Frame(f.getMethod().getType().getName(), f.getMethod().getName(), f.getMethod().isHidden()));
                }
                stacks.add(stack);
            }
            return of(stacks);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the flight recording " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind harms nothing
            }
        }
    }

    /** The profile of {@code stacks} (each leaf first). */
    static Profile of(List<List<Frame>> stacks) {
        Map<String, Long> frames = new LinkedHashMap<>();
        Map<String, Long> events = new LinkedHashMap<>();
        long inLoop = 0;
        for (List<Frame> stack : stacks) {
            String event = eventOf(stack);
            if (event == null || stack.isEmpty()) {
                continue;
            }
            inLoop++;
            frames.merge(stack.get(0).shortName(), 1L, Long::sum);
            events.merge(event, 1L, Long::sum);
        }
        return new Profile(stacks.size(), inLoop, sorted(frames), sorted(events));
    }

    /**
     * The kind of event a stack (leaf first) was running: the frame the kernel's {@code fire} called,
     * past the kernel's own runner of joined posts and the JVM's hidden lambda frames; {@link #FIRING} in {@code fire} itself,
     * {@link #TAKING_NEXT} in the run loop outside it, null outside the run loop.
     */
    static String eventOf(List<Frame> stack) {
        for (int i = 0; i < stack.size(); i++) {
            Frame f = stack.get(i);
            if (!f.type().equals(KERNEL)) {
                continue;
            }
            if (f.method().equals("fire") || f.method().equals("firedJoined")) {
                int j = i - 1;
                while (j >= 0 && (stack.get(j).hidden() || stack.get(j).type().startsWith(JOINED_POSTS))) {
                    j--;
                }
                return j < 0 ? FIRING : stack.get(j).shortName();
            }
            if (f.method().equals("runUntil")) {
                return TAKING_NEXT;
            }
        }
        return null;
    }

    private static String simple(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    private static List<Share> sorted(Map<String, Long> counts) {
        List<Share> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Share(k, v)));
        out.sort(Comparator.comparingLong(Share::samples).reversed().thenComparing(Share::name));
        return out;
    }
}
