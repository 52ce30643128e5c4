// Route handlers read sessions signed with this; tests sign theirs with it too.
process.env.NEXTAUTH_SECRET ??= "reelsmith-test-secret";
// Encrypts API secret keys and signs download links.
process.env.API_SERVER_KEY ??= "reelsmith-test-server-key";
