package com.contoso.partner;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.UserNamePasswordParameters;
import java.util.Set;

public class PartnerAuth {
    private static final String SERVICE_PASSWORD = "Java-Sync-2024!";

    public IAuthenticationResult signIn(PublicClientApplication app, String user) throws Exception {
        UserNamePasswordParameters parameters = UserNamePasswordParameters
            .builder(Set.of("https://api.partnercenter.microsoft.com/user_impersonation"), user, SERVICE_PASSWORD.toCharArray())
            .build();
        return app.acquireToken(parameters).get();
    }
}
