package org.repsim.model.cycle;

import java.util.ArrayList;
import java.util.List;
import org.repsim.model.cycle.rules.CycleRecord;

/**
 * Every cycle record of the sessions of a {@link CycleRecording}, for tests: the recording hands a
 * settled record out to its {@code cycles} table and the session forgets it, so the records of a
 * session are those handed out so far (kept here, in the order handed out) followed by those the
 * session still holds.
 */
public final class HandedOutRecords {
    private final List<CycleSession> sessions;
    private final List<List<CycleRecord>> handedOut = new ArrayList<>();

    /** @param sessions the sessions in the order given to the recording (box index = list position) */
    public HandedOutRecords(List<CycleSession> sessions, CycleRecording recording) {
        this.sessions = List.copyOf(sessions);
        for (int i = 0; i < sessions.size(); i++) {
            handedOut.add(new ArrayList<>());
        }
        recording.addRecordListener((box, r) -> handedOut.get(box).add(r));
    }

    /** The records of session {@code box} handed out to the table so far. */
    public List<CycleRecord> handedOut(int box) {
        return handedOut.get(box);
    }

    /** Every record of {@code session}: those handed out to the table, then those still in progress. */
    public List<CycleRecord> all(CycleSession session) {
        List<CycleRecord> all = new ArrayList<>(handedOut.get(sessions.indexOf(session)));
        all.addAll(session.switcher().records());
        return all;
    }
}
