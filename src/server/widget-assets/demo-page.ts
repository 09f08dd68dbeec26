const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const styles = `
  :root { color-scheme: light dark; --ink: #1e293b; --soft: #64748b; --paper: #f8fafc; --card: #fff; --line: #e2e8f0; --brand: #0f766e; }
  @media (prefers-color-scheme: dark) { :root { --ink: #e2e8f0; --soft: #94a3b8; --paper: #020617; --card: #0f172a; --line: #1e293b; --brand: #2dd4bf; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 Georgia, 'Times New Roman', serif; color: var(--ink); background: var(--paper); }
  .demo-note { margin: 0; padding: 10px 16px; background: #fef3c7; color: #78350f; font: 14px/1.4 system-ui, sans-serif; text-align: center; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 16px; flex-wrap: wrap; padding: 18px 32px; background: var(--card); border-bottom: 1px solid var(--line); }
  .logo { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 20px; }
  .logo span { display: grid; place-items: center; width: 36px; height: 36px; border-radius: 10px; background: var(--brand); color: #fff; }
  nav { display: flex; gap: 20px; font: 15px system-ui, sans-serif; }
  nav a { color: var(--soft); text-decoration: none; }
  main { max-width: 880px; margin: 0 auto; padding: 48px 32px 160px; }
  h1 { font-size: 40px; line-height: 1.15; margin: 0 0 16px; }
  .lead { font-size: 19px; color: var(--soft); margin: 0 0 40px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; }
  .cards section { padding: 20px; background: var(--card); border: 1px solid var(--line); border-radius: 12px; }
  .cards h2 { font-size: 18px; margin: 0 0 6px; }
  .cards p { margin: 0; color: var(--soft); font-size: 15px; }
  @media (prefers-color-scheme: dark) { .demo-note { background: #422006; color: #fde68a; } }
  @media (max-width: 600px) { header { padding: 14px 16px; } main { padding: 32px 16px 160px; } h1 { font-size: 30px; } }
`;

/** A made-up company homepage that embeds the widget exactly as a customer's site would. */
export function demoPageHtml(input: {
  companyName: string;
  chatbotName: string;
  publicId: string;
  /** False while the chatbot or its company is switched off: the widget then says the chat is unavailable. */
  available: boolean;
}) {
  const company = escapeHtml(input.companyName);
  const chatbot = escapeHtml(input.chatbotName);
  const initial = escapeHtml(input.companyName.trim().charAt(0).toUpperCase() || 'B');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${company} — widget demo</title>
<style>${styles}</style>
</head>
<body>
<p class="demo-note" role="note">${
    input.available
      ? `Demo page: this is how <strong>${chatbot}</strong> appears on a website. The page is made up; the widget is real.`
      : `Demo page: <strong>${chatbot}</strong> is switched off, so the widget tells visitors the chat is unavailable.`
  }</p>
<header>
  <div class="logo"><span aria-hidden="true">${initial}</span>${company}</div>
  <nav aria-label="Site"><a href="#services">Services</a><a href="#about">About us</a><a href="#contact">Contact</a></nav>
</header>
<main>
  <h1>Welcome to ${company}</h1>
  <p class="lead">Friendly, reliable service for the whole family. Questions about opening hours, prices or appointments? Ask our assistant in the corner.</p>
  <div class="cards">
    <section id="services"><h2>Our services</h2><p>Everything you need in one place, explained clearly and without surprises.</p></section>
    <section id="about"><h2>About us</h2><p>A small team that has looked after this neighbourhood for over fifteen years.</p></section>
    <section id="contact"><h2>Contact</h2><p>Chat with us, call us from this page, or drop by during opening hours.</p></section>
  </div>
</main>
<script src="/widget.js" data-chatbot-id="${escapeHtml(input.publicId)}" async></script>
</body>
</html>
`;
}

export function demoNotFoundHtml(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Demo not found</title>
<style>${styles} main { text-align: center; }</style></head>
<body><main><h1>Demo not found</h1><p class="lead">No chatbot has this id. Check the link.</p></main></body>
</html>
`;
}
