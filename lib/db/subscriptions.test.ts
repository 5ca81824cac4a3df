// Digest recipients and preferences on real PostgreSQL: defaults (on for admins, off for members),
// stored choices, members without email, and idempotent unsubscribe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestFixture, seedDigestFixture } from "../email/testing/digest-fixture.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { findDigestRecipient, listDigestRecipients, listEmailPreferences, setEmailPreference, unsubscribeFromDigest } from "./subscriptions.ts";

const fx = digestFixture("sub");

describe("digest subscriptions", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("tf_subs");
    await seedDigestFixture(tdb.db, fx);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("recipients: admins by default, members who opted in; not opted-out admins, default members or members without email", async () => {
    const expected = fx.members
      .filter((m) => m.email && (m.subscription ?? (m.role === "ADMIN" ? "WEEKLY" : "OFF")) === "WEEKLY")
      .map((m) => m.id)
      .sort();
    expect((await listDigestRecipients(tdb.db, fx.orgId)).map((r) => r.userId)).toEqual(expected);
    expect(expected).toEqual(["sub-u-admin", "sub-u-optin"]);
  });

  it("preferences show the default and the stored choice; a change takes effect; non-members cannot subscribe", async () => {
    const prefs = await listEmailPreferences(tdb.db, "sub-u-member", "all");
    expect(prefs).toEqual([expect.objectContaining({ orgId: fx.orgId, role: "MEMBER", chosen: null, effective: "OFF", defaultFrequency: "OFF" })]);
    expect(await listEmailPreferences(tdb.db, "sub-u-member", [])).toEqual([]);
    expect(await setEmailPreference(tdb.db, "sub-u-member", fx.orgId, "WEEKLY")).toBe(true);
    expect(await findDigestRecipient(tdb.db, fx.orgId, "sub-u-member")).toMatchObject({ email: "cyd@sub.example.test" });
    expect(await setEmailPreference(tdb.db, "sub-u-member", "other-org", "WEEKLY")).toBe(false);
  });

  it("unsubscribe is idempotent and wins over the admin default", async () => {
    expect(await unsubscribeFromDigest(tdb.db, "sub-u-admin", fx.orgId)).toBe("unsubscribed");
    expect(await unsubscribeFromDigest(tdb.db, "sub-u-admin", fx.orgId)).toBe("already-unsubscribed");
    expect(await findDigestRecipient(tdb.db, fx.orgId, "sub-u-admin")).toBeNull();
    expect(await unsubscribeFromDigest(tdb.db, "nobody", fx.orgId)).toBe("unknown");
    // Turning it back on clears the unsubscribe time.
    await setEmailPreference(tdb.db, "sub-u-admin", fx.orgId, "WEEKLY");
    const [pref] = await listEmailPreferences(tdb.db, "sub-u-admin", "all");
    expect(pref).toMatchObject({ effective: "WEEKLY", unsubscribedAt: null });
  });
});
