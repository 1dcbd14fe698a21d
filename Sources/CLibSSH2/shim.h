#ifndef TRUNKLINE_CLIBSSH2_SHIM_H
#define TRUNKLINE_CLIBSSH2_SHIM_H

#include <libssh2.h>

/* libssh2 exposes many calls as function-like macros, which Swift cannot import.
   Each wrapper below names the macro it stands for. */

/* libssh2_channel_open_session */
static inline LIBSSH2_CHANNEL *tl_channel_open_session(LIBSSH2_SESSION *session) {
    return libssh2_channel_open_session(session);
}

/* libssh2_channel_exec */
static inline int tl_channel_exec(LIBSSH2_CHANNEL *channel, const char *command, unsigned int length) {
    return libssh2_channel_process_startup(channel, "exec", 4, command, length);
}

/* libssh2_channel_read / libssh2_channel_read_stderr */
static inline ssize_t tl_channel_read(LIBSSH2_CHANNEL *channel, int stream, char *buffer, size_t length) {
    return libssh2_channel_read_ex(channel, stream, buffer, length);
}

/* libssh2_channel_write */
static inline ssize_t tl_channel_write(LIBSSH2_CHANNEL *channel, const char *buffer, size_t length) {
    return libssh2_channel_write_ex(channel, 0, buffer, length);
}

/* libssh2_session_disconnect */
static inline int tl_session_disconnect(LIBSSH2_SESSION *session, const char *description) {
    return libssh2_session_disconnect_ex(session, SSH_DISCONNECT_BY_APPLICATION, description, "");
}

/* Constants built from shifts, which Swift does not import. */
static const int tl_knownhost_plain_raw = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW;
static const int tl_knownhost_key_rsa = LIBSSH2_KNOWNHOST_KEY_SSHRSA;
static const int tl_knownhost_key_dss = LIBSSH2_KNOWNHOST_KEY_SSHDSS;
static const int tl_knownhost_key_ecdsa_256 = LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
static const int tl_knownhost_key_ecdsa_384 = LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
static const int tl_knownhost_key_ecdsa_521 = LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
static const int tl_knownhost_key_ed25519 = LIBSSH2_KNOWNHOST_KEY_ED25519;
static const int tl_session_block_inbound = LIBSSH2_SESSION_BLOCK_INBOUND;
static const int tl_session_block_outbound = LIBSSH2_SESSION_BLOCK_OUTBOUND;

#endif
