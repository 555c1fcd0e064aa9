package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.Credentials;

/**
 * Where a client session takes the username and password of each key-method-2 message
 * ({@code auth-user-pass}), and where it hands the token a server pushes in their place
 * ({@code auth-token}, 2.6's {@code auth-gen-token}). Called on the session's thread.
 */
public interface ClientCredentials {
    /**
     * The credentials for the next key-method-2 message: the pushed token in the password's place
     * once there is one, else the username and password. A copy the session owns and wipes as soon
     * as the message is written.
     */
    Credentials next();

    /**
     * The server pushed {@code auth-token token}, with {@code auth-token-user}'s base64 username,
     * or {@code null} for the username sent so far.
     */
    void tokenPushed(String token, String tokenUserBase64);

    /** The first PUSH_REPLY was applied: a password kept only until a token could come may go (auth-nocache). */
    void connected();
}
