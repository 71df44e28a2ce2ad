package io.parley.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import org.junit.jupiter.api.Test;

class RebasingHttpClientTest {

    @Test
    void keepsPathParametersAndCredentialsAndChangesOnlyTheBase() {
        Request original = new Request(HttpMethod.POST, "api", "/2010-04-01/Accounts/AC1/Calls.json");
        original.setAuth("AC1", "secret");
        original.addPostParam("To", "+15551234567");
        original.addPostParam("StatusCallbackEvent", "initiated");
        original.addPostParam("StatusCallbackEvent", "ringing");
        original.addQueryParam("PageSize", "20");

        Request rebased = new RebasingHttpClient("http://127.0.0.1:9189/").rebase(original);

        assertEquals("http://127.0.0.1:9189/2010-04-01/Accounts/AC1/Calls.json?PageSize=20",
                rebased.constructURL().toString());
        assertEquals(original.encodeFormBody(), rebased.encodeFormBody());
        assertEquals(original.getAuthString(), rebased.getAuthString());
        assertEquals(HttpMethod.POST, rebased.getMethod());
    }
}
