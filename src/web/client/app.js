// Progressive enhancement only: every page works without this file.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported', 'js-enabled');
initAll();

// Job progress blocks (web/components/JobProgress.tsx): fetch the block's own refresh link with the
// page's session and swap in the fresh block, until the job has ended or the page is left.
for (const block of document.querySelectorAll('[data-job-refresh]')) {
  const poll = async () => {
    try {
      const res = await fetch(block.dataset.jobRefresh, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById(block.id);
      if (!fresh) return;
      block.innerHTML = fresh.innerHTML;
      if (!fresh.dataset.jobRefresh) return;
    } catch {
      // Offline for a moment: try again on the next tick.
    }
    setTimeout(poll, 3000);
  };
  setTimeout(poll, 3000);
}
