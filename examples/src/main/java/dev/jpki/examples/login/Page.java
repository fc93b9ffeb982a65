// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples.login;

/** The login page: asks for a challenge, shows it, waits for the verdict. No external resources. */
final class Page {
  private Page() {}

  static final String HTML = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Log in with the My Number Card</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>
        body { font-family: sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        code { background: #f3f3f3; padding: .3rem .5rem; display: block; word-break: break-all; }
        #state { font-size: 1.4rem; margin-top: 1.5rem; word-break: break-all; }
        .ok { color: #096b1f; } .bad { color: #a00; }
      </style></head>
      <body>
      <h1>Log in with your My Number Card</h1>
      <p>Sign this challenge with the card's user-authentication key (4-digit PIN): scan the code with
      your card app, or run the command below.</p>
      <div id="qr"></div>
      <code id="command">asking for a challenge…</code>
      <p id="expires"></p>
      <p id="state">waiting for the card…</p>
      <button id="again" type="button" hidden>New challenge</button>
      <script>
      const state = document.getElementById('state');
      let timer = null;
      function show(text, cls) { state.textContent = text; state.className = cls || ''; }
      async function fresh() {
        document.getElementById('again').hidden = true;
        show('waiting for the card…');
        const r = await fetch('/api/challenge', { method: 'POST' });
        const j = await r.json();
        if (!r.ok) { show('no challenge: ' + (j.message || r.status), 'bad'); document.getElementById('again').hidden = false; return; }
        document.getElementById('qr').innerHTML = j.qrSvg;
        document.getElementById('command').textContent = 'jpki login ' + j.url;
        document.getElementById('command').dataset.url = j.url;
        document.getElementById('expires').textContent = 'valid until ' + new Date(j.expiresAt).toLocaleTimeString();
        if (timer) clearInterval(timer);
        timer = setInterval(poll, 500);
      }
      async function poll() {
        let j;
        try { j = await (await fetch('/api/status')).json(); } catch (e) { return; }
        if (j.state === 'logged-in') {
          clearInterval(timer);
          show('logged in as ' + j.subjectId, 'ok');
        } else if (j.state === 'refused') {
          clearInterval(timer);
          show('refused: ' + j.message + ' (' + j.reason + ')', 'bad');
          document.getElementById('again').hidden = false;
        }
      }
      document.getElementById('again').onclick = fresh;
      fresh();
      </script>
      </body></html>
      """;
}
