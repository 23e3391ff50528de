"""Real Python mail clients against the SMTP Lab bridge (run by bridge.test.ts).

Usage: python3 bridge-clients.py PORTS_JSON
PORTS_JSON maps submission, submissions, pop3, pop3s, imap, imaps to local ports.
Prints one JSON object per check: {"check": name, "ok": bool, "detail": ...}; exits 1 if any failed.
The clients keep their real-world quirks: smtplib sends lowercase verbs, imaplib quotes the
password, poplib and imaplib take AUTH answers after a "+" continuation, smtplib dot-stuffs.
"""
import base64
import imaplib
import json
import poplib
import smtplib
import ssl
import sys
import time

PORTS = json.loads(sys.argv[1])
HOST = "127.0.0.1"
CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE
ALICE = ("alice@example.com", "alice-secret")
BOB = ("bob@example.org", "bob-secret")
failed = False


def report(check, ok, detail=""):
    global failed
    failed = failed or not ok
    print(json.dumps({"check": check, "ok": bool(ok), "detail": detail}), flush=True)


def run(check, fn):
    try:
        ok, detail = fn()
        report(check, ok, detail)
    except Exception as e:  # a failure is reported, never fatal: the other checks still run
        report(check, False, f"{type(e).__name__}: {e}")


BODY = "Line one\r\n.starts with a dot\r\n..two dots\r\n.\r\nlast line\r\n"


def message(subject):
    return f"From: {ALICE[0]}\r\nTo: {BOB[0]}\r\nSubject: {subject}\r\nMessage-ID: <{subject}@python.example.com>\r\n\r\n{BODY}"


def smtp_starttls_plain():
    with smtplib.SMTP(HOST, PORTS["submission"], timeout=20) as s:
        s.ehlo("python.example.com")
        code, _ = s.starttls(context=CTX)
        s.ehlo("python.example.com")
        # AUTH PLAIN without an initial response: the server answers "334 " and waits.
        s.user, s.password = ALICE
        code, resp = s.auth("PLAIN", s.auth_plain, initial_response_ok=False)
        refused = s.sendmail(ALICE[0], [BOB[0]], message("py-dots"))
        return code == 235 and refused == {}, f"auth {code} {resp!r}"


def smtp_implicit_login():
    with smtplib.SMTP_SSL(HOST, PORTS["submissions"], timeout=20, context=CTX) as s:
        s.ehlo("python.example.com")
        s.user, s.password = ALICE
        code, resp = s.auth("LOGIN", s.auth_login, initial_response_ok=False)
        refused = s.sendmail(ALICE[0], [BOB[0]], message("py-465"))
        return code == 235 and refused == {}, f"auth {code} {resp!r}"


def smtp_wrong_password():
    with smtplib.SMTP(HOST, PORTS["submission"], timeout=20) as s:
        s.starttls(context=CTX)
        try:
            s.login(ALICE[0], "wrong")
        except smtplib.SMTPAuthenticationError as e:
            return e.smtp_code == 535, e.smtp_error.decode()
        return False, "login succeeded"


def imap_wait_for(subject, timeout=25):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with imaplib.IMAP4_SSL(HOST, PORTS["imaps"], ssl_context=CTX, timeout=20) as m:
            m.login(*BOB)
            m.select("INBOX")
            typ, data = m.uid("SEARCH", "SUBJECT", subject)
            if typ == "OK" and data[0].split():
                return int(data[0].split()[-1])
        time.sleep(0.5)
    return None


def imap_dots_round_trip():
    uid = imap_wait_for("py-dots")
    if uid is None:
        return False, "message never arrived"
    with imaplib.IMAP4(HOST, PORTS["imap"], timeout=20) as m:
        m.starttls(ssl_context=CTX)
        m.login(*BOB)  # imaplib sends the password as a quoted string
        m.select("INBOX")
        typ, data = m.uid("FETCH", str(uid), "(BODY.PEEK[TEXT] BODY.PEEK[HEADER.FIELDS (RECEIVED)])")
        text = data[0][1].decode()
        received = data[1][1].decode()
        ok = typ == "OK" and text == BODY and received.count("Received:") == 3
        return ok, {"text": text, "received": received.count("Received:")}


def imap_authenticate_continuation():
    with imaplib.IMAP4_SSL(HOST, PORTS["imaps"], ssl_context=CTX, timeout=20) as m:
        # AUTHENTICATE PLAIN without SASL-IR: imaplib waits for "+ " and then sends the base64.
        typ, _ = m.authenticate("PLAIN", lambda _: f"\0{BOB[0]}\0{BOB[1]}".encode())
        m.select("INBOX")
        typ2, data = m.search(None, "ALL")
        nums = data[0].split()
        typ3, fetched = m.fetch(nums[0], "(FLAGS BODY[])")
        flags = fetched[0][0].decode()
        typ4, _ = m.append("Sent", r"(\Seen)", None, message("py-append").encode())
        typ5, status = m.status("Sent", "(MESSAGES)")
        m.store(nums[0], "+FLAGS", r"(\Flagged)")
        typ6, flagged = m.search(None, "FLAGGED")
        ok = typ == typ2 == typ3 == typ4 == typ5 == typ6 == "OK" and "\\Seen" in flags and nums[0] in flagged[0].split()
        return ok, {"flags": flags, "status": status[0].decode()}


def imap_wrong_password():
    with imaplib.IMAP4(HOST, PORTS["imap"], timeout=20) as m:
        try:
            m.login(BOB[0], "wrong password")
        except imaplib.IMAP4.error as e:
            return "AUTHENTICATIONFAILED" in str(e), str(e)
        return False, "login succeeded"


def pop3_stls():
    p = poplib.POP3(HOST, PORTS["pop3"], timeout=20)
    try:
        caps = p.capa()
        p.stls(context=CTX)
        p.user(BOB[0])
        p.pass_(BOB[1])
        count, size = p.stat()
        resp, listing, _ = p.list()
        resp, lines, octets = p.retr(1)
        uidl = p.uidl()
        top = p.top(1, 0)
        dele = p.dele(1)
        rset = p.rset()
        ok = "STLS" in caps and count >= 1 and len(listing) == count and dele.startswith(b"+OK") and rset.startswith(b"+OK")
        return ok, {"stat": [count, size], "retr": resp.decode(), "uidl": uidl[1][0].decode(), "top": len(top[1])}
    finally:
        p.quit()


def pop3s_auth_plain():
    p = poplib.POP3_SSL(HOST, PORTS["pop3s"], timeout=20, context=CTX)
    try:
        # RFC 5034: AUTH PLAIN, then the credentials after the "+ " continuation.
        first = p._shortcmd("AUTH PLAIN")
        done = p._shortcmd(base64.b64encode(f"\0{BOB[0]}\0{BOB[1]}".encode()).decode())
        count, _ = p.stat()
        return first.startswith(b"+") and done == b"+OK Logged in." and count >= 1, [first.decode(), done.decode()]
    finally:
        p.quit()


run("smtplib STARTTLS + AUTH PLAIN after 334 + dot-stuffing", smtp_starttls_plain)
run("smtplib SMTP_SSL 465 + AUTH LOGIN", smtp_implicit_login)
run("smtplib wrong password gets 535", smtp_wrong_password)
run("imaplib STARTTLS + quoted LOGIN: BODY[TEXT] byte-identical, 3 Received", imap_dots_round_trip)
run("imaplib IMAPS AUTHENTICATE PLAIN after + / FETCH / APPEND literal / STORE / SEARCH", imap_authenticate_continuation)
run("imaplib wrong password gets AUTHENTICATIONFAILED", imap_wrong_password)
run("poplib STLS + USER/PASS + STAT/LIST/RETR/UIDL/TOP/DELE/RSET", pop3_stls)
run("poplib POP3S + AUTH PLAIN after +", pop3s_auth_plain)
sys.exit(1 if failed else 0)
