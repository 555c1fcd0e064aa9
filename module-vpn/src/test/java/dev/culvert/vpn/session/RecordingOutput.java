package dev.culvert.vpn.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link SessionOutput} that keeps what the session produced, for a test loop to move on. */
final class RecordingOutput implements SessionOutput {
    final ArrayDeque<byte[]> toPeer = new ArrayDeque<>();
    final List<SessionEvent> events = new ArrayList<>();
    final ArrayDeque<DataPlane.ControlPayload> payloads = new ArrayDeque<>();

    @Override
    public void sendToPeer(byte[] buf, int off, int len) {
        toPeer.add(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void event(SessionEvent event) {
        events.add(event);
    }

    @Override
    public void dataPayloadDue(DataPlane.ControlPayload payload) {
        payloads.add(payload);
    }

    <T extends SessionEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
