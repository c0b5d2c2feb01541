package e2e

// pageJS installs window.__e2e in the classic notebook page: small read-only
// views of the notebook's state and outputs, plus the one action a learner
// performs on a widget (moving a slider). Go polls these functions; keeping
// them in one place keeps the Go side free of DOM details.
//
// Cell prompts follow the classic notebook: '*' while a cell is queued or
// running, its execution count once done, empty if it never ran (for example
// because an earlier cell failed and the kernel aborted the rest).
const pageJS = `(() => {
  const nb = Jupyter.notebook;
  const idle = () => !!document.querySelector('#kernel_indicator_icon.kernel_idle_icon');
  const outputRoot = (i) => nb.get_cell(i).output_area.element[0];

  // figures lists the images a cell shows: <img> and top-level <svg>
  // (an <svg> nested in another is part of that figure).
  const figures = (root) => Array.from(root.querySelectorAll('.output_subarea img, .output_subarea svg'))
    .filter(e => !(e.tagName.toLowerCase() === 'svg' && e.parentElement && e.parentElement.closest('svg')));

  // describeEmpty says why a figure element shows nothing, or '' if it shows something.
  const describeEmpty = (e) => {
    const r = e.getBoundingClientRect();
    if (e.tagName.toLowerCase() === 'img') {
      if (!e.complete || e.naturalWidth === 0 || e.naturalHeight === 0) {
        return 'img not decoded (' + (e.getAttribute('src') || '').slice(0, 40) + '...)';
      }
    } else if (e.childElementCount === 0) {
      return 'svg has no child elements';
    }
    if (r.width < 1 || r.height < 1) {
      return e.tagName.toLowerCase() + ' renders ' + r.width + 'x' + r.height + ' px';
    }
    return '';
  };

  // control is the element a learner operates in a widget cell.
  const control = (root) => root.querySelector('input[type=range]') || root.querySelector('select') ||
    root.querySelector('.output_subarea button');

  // commReady reports whether GoNB's front-end connection (gonb_comm, see
  // GoNB's websocket.js) has completed its handshake with the kernel.
  const commReady = () => {
    const gc = globalThis.gonb_comm;
    if (!gc || !gc._is_connected) { return false; }
    if (!gc.__e2eWatched) {
      gc.__e2eWatched = true;
      gc._is_connected.then(() => { gc.__e2eAcked = true; }, () => {});
    }
    return !!gc.__e2eAcked;
  };

  // fingerprint is a hash of the pixels' source: img data and svg markup.
  const fingerprint = (root) => {
    let s = '';
    for (const e of figures(root)) {
      s += e.tagName.toLowerCase() === 'img' ? (e.getAttribute('src') || '') : e.outerHTML;
      s += '|';
    }
    let h = 5381;
    for (let k = 0; k < s.length; k++) { h = ((h * 33) ^ s.charCodeAt(k)) >>> 0; }
    return s.length + ':' + h.toString(16);
  };

  window.__e2e = {
    ready() {
      return !!(nb && nb._fully_loaded && nb.kernel && nb.kernel.is_connected() && idle());
    },
    state() {
      return {
        idle: idle(),
        connected: !!(nb.kernel && nb.kernel.is_connected()),
        cells: nb.get_cells().map((c) => ({
          code: c.cell_type === 'code',
          prompt: c.cell_type === 'code' && c.input_prompt_number != null ? String(c.input_prompt_number) : '',
          empty: c.get_text().trim() === '',
          tags: (c.metadata && c.metadata.tags) || [],
        })),
      };
    },
    // outputs summarizes what each code cell shows, for the final checks.
    outputs() {
      return nb.get_cells().map((c) => {
        if (c.cell_type !== 'code') { return null; }
        const root = c.output_area.element[0];
        return {
          errors: Array.from(root.querySelectorAll('.output_error')).map(e => e.innerText.slice(0, 2000)),
          stderr: Array.from(root.querySelectorAll('.output_stderr')).map(e => e.innerText).join('\n').slice(0, 4000),
          figures: figures(root).length,
          empty: figures(root).map(describeEmpty).filter(d => d !== ''),
        };
      });
    },
    // widget describes the control of widget cell i (its first slider,
    // else its first drop-down, else its first button) and its figures.
    widget(i) {
      const root = outputRoot(i);
      const c = control(root);
      return {
        control: c ? c.tagName.toLowerCase() : '',
        comm: commReady(),
        figures: figures(root).length,
        fingerprint: fingerprint(root),
      };
    },
    // act operates the control of widget cell i once, the way a learner
    // does: a slider goes to its far end (an 'input' event while dragging,
    // 'change' on release), a drop-down selects the next option, a button
    // is clicked. It returns what it did, for the log.
    act(i) {
      const c = control(outputRoot(i));
      switch (c.tagName.toLowerCase()) {
      case 'input': {
        c.value = Number(c.value) === Number(c.max) ? c.min : c.max;
        c.dispatchEvent(new Event('input', {bubbles: true}));
        c.dispatchEvent(new Event('change', {bubbles: true}));
        return 'slider to ' + c.value;
      }
      case 'select':
        c.selectedIndex = (c.selectedIndex + 1) % c.options.length;
        c.dispatchEvent(new Event('change', {bubbles: true}));
        return 'option ' + c.selectedIndex;
      default:
        c.click();
        return 'click';
      }
    },
    // unroll lets the page grow to its full height so that a full-page
    // screenshot shows every cell (the classic notebook scrolls inside #site).
    unroll() {
      const st = document.createElement('style');
      st.textContent = 'html, body, #site { height: auto !important; overflow: visible !important; position: static !important; }';
      document.head.appendChild(st);
      window.scrollTo(0, 0);
      return document.documentElement.scrollHeight;
    },
  };
  return true;
})()`
