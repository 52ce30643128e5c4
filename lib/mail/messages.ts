import type { Mail } from "./send";

// The mails Reelsmith sends: plain text first (what the tests and most clients read), with the
// same words as simple HTML.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function compose(to: string, subject: string, paragraphs: string[], action?: { label: string; url: string }): Mail {
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), "— Reelsmith"].join("\n\n");
  const body = paragraphs.map((p) => `<p>${escape(p)}</p>`).join("");
  const button = action ? `<p><a href="${escape(action.url)}">${escape(action.label)}</a></p><p style="color:#71717a">${escape(action.url)}</p>` : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${body}${button}<p>— Reelsmith</p></body></html>`;
  return { to, subject, text, html, links: action ? [action.url] : [] };
}

export function verificationMail(to: string, url: string, hours: number): Mail {
  return compose(
    to,
    "Verify your email for Reelsmith",
    [`Confirm that ${to} is your address by opening the link below. It works once, for ${hours} hours.`, "If you did not create a Reelsmith account, ignore this mail."],
    { label: "Verify my email", url },
  );
}

export function passwordResetMail(to: string, url: string, minutes: number): Mail {
  return compose(
    to,
    "Reset your Reelsmith password",
    [
      `Someone (hopefully you) asked to reset the password of the Reelsmith account ${to}. The link below works once, for ${minutes} minutes.`,
      "If it was not you, ignore this mail: your password stays as it is.",
    ],
    { label: "Choose a new password", url },
  );
}

export function passwordChangedMail(to: string, at: Date): Mail {
  return compose(to, "Your Reelsmith password was changed", [
    `The password of your Reelsmith account ${to} was changed on ${at.toUTCString()}. Every other signed-in session was signed out.`,
    "If you did not do this, reset your password at once from the sign-in page (\"Forgot your password?\") and check your account.",
  ]);
}

export function emailChangeMail(to: string, from: string, url: string, hours: number): Mail {
  return compose(
    to,
    "Confirm your new email for Reelsmith",
    [`The Reelsmith account ${from} asked to use ${to} from now on. Open the link below to confirm; it works once, for ${hours} hours.`, "If you did not ask for this, ignore this mail."],
    { label: "Use this address", url },
  );
}

export function emailChangedMail(to: string, newEmail: string, at: Date): Mail {
  return compose(to, "Your Reelsmith email was changed", [
    `On ${at.toUTCString()}, your Reelsmith account moved from ${to} to ${newEmail}: sign in with the new address from now on.`,
    "If you did not do this, someone has your password: tell the operator of this Reelsmith server at once.",
  ]);
}
