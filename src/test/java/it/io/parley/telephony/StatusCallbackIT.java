package it.io.parley.telephony;

import static it.io.parley.ParleyServer.call;
import static it.io.parley.ParleyServer.inboundCall;
import static it.io.parley.ParleyServer.newCallSid;
import static it.io.parley.ParleyServer.postForm;
import static it.io.parley.ParleyServer.postSigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /twilio/status}: signed callbacks move a call forward, in whatever order they arrive. */
class StatusCallbackIT {

    private static Map<String, String> status(String callSid, String status, int sequence) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", it.io.parley.ParleyServer.ACCOUNT_SID);
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("Direction", "inbound");
        params.put("From", "+15551230000");
        params.put("To", "+15559870000");
        params.put("SequenceNumber", Integer.toString(sequence));
        params.put("Timestamp", "Sat, 21 Nov 2026 19:40:0" + sequence + " +0000");
        if (status.equals("completed")) {
            params.put("CallDuration", "37");
        }
        return params;
    }

    @Test
    void outOfOrderCallbacksNeverMoveACallBack() {
        String callSid = newCallSid();
        assertEquals(200, postSigned("/twilio/voice", inboundCall(callSid)).statusCode());

        assertEquals(204, postSigned("/twilio/status", status(callSid, "in-progress", 2)).statusCode());
        assertEquals(204, postSigned("/twilio/status", status(callSid, "completed", 3)).statusCode());
        assertEquals(204, postSigned("/twilio/status", status(callSid, "ringing", 1)).statusCode());
        assertEquals(204, postSigned("/twilio/status", status(callSid, "in-progress", 2)).statusCode());

        var record = call(callSid);
        assertEquals("completed", record.getString("status"));
        assertEquals(37, record.getJsonNumber("durationSeconds").intValue());
        assertFalse(record.getBoolean("active"));
        assertTrue(record.containsKey("answeredAt"));
        assertTrue(record.containsKey("endedAt"));
    }

    @Test
    void unsignedOrForgedCallbacksChangeNothing() {
        String callSid = newCallSid();
        assertEquals(200, postSigned("/twilio/voice", inboundCall(callSid)).statusCode());

        assertEquals(403, postForm("/twilio/status", status(callSid, "completed", 3), null).statusCode());
        assertEquals(403, postForm("/twilio/status", status(callSid, "completed", 3), "bm90IGEgc2lnbmF0dXJl").statusCode());
        assertEquals("ringing", call(callSid).getString("status"));
    }

    @Test
    void unknownStatusIsABadRequest() {
        String callSid = newCallSid();
        assertEquals(400, postSigned("/twilio/status", status(callSid, "exploded", 1)).statusCode());
    }
}
