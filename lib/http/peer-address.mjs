// Plain JavaScript: the Next.js server wrapper (scripts/next-server.mjs) runs without TypeScript.

/** The header that tells route handlers the address of a request's TCP peer. */
export const PEER_ADDRESS_HEADER = "x-reelsmith-peer-address";

/**
 * Writes the socket's peer address into PEER_ADDRESS_HEADER of a Node request, replacing any
 * copy the client sent: only this server's own value ever reaches the app.
 * @param {import("node:http").IncomingMessage} req
 */
export function stampPeerAddress(req) {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
}
