/// The run report's script: filters, expand and collapse, copy buttons, links to steps.
///
/// The page is complete without it; it reads the DOM and never inserts markup (only `textContent`, attributes and
/// classes).
enum HTMLReportScript {
    /// The script.
    static let source = """
        (function () {
          'use strict';
          var doc = document;
          doc.documentElement.classList.add('js');
          var steps = Array.prototype.slice.call(doc.querySelectorAll('details.step'));
          var suites = Array.prototype.slice.call(doc.querySelectorAll('details.suite'));
          var suiteOf = steps.map(function (step) { return step.closest('details.suite'); });
          var tagsOf = new Map();
          suites.forEach(function (suite) {
            var tags = [];
            try { tags = JSON.parse(suite.getAttribute('data-tags') || '[]'); } catch (e) { tags = []; }
            tagsOf.set(suite, tags);
            suite.setAttribute('data-open0', suite.open ? '1' : '0');
          });
          var texts = null;
          var state = { outcomes: { passed: true, failed: true, error: true, skipped: true }, tag: '', text: '' };
          var counter = doc.getElementById('shown-count');

          function searchText(index) {
            if (texts === null) {
              texts = steps.map(function (step, i) {
                var suiteSummary = suiteOf[i] ? suiteOf[i].querySelector('summary').textContent : '';
                return (suiteSummary + ' ' + step.querySelector('summary').textContent).toLowerCase();
              });
            }
            return texts[index];
          }

          function isDefault() {
            var o = state.outcomes;
            return o.passed && o.failed && o.error && o.skipped && !state.tag && !state.text;
          }

          function apply() {
            var shown = 0;
            var visible = new Set();
            steps.forEach(function (step, i) {
              var suite = suiteOf[i];
              var ok = state.outcomes[step.getAttribute('data-outcome')] !== false &&
                (!state.tag || (tagsOf.get(suite) || []).indexOf(state.tag) >= 0) &&
                (!state.text || searchText(i).indexOf(state.text) >= 0);
              step.hidden = !ok;
              if (ok) { shown += 1; visible.add(suite); }
            });
            var filtering = !isDefault();
            suites.forEach(function (suite) {
              var empty = suite.querySelector('details.step') === null;
              suite.hidden = empty ? filtering : !visible.has(suite);
              suite.open = filtering ? visible.has(suite) : suite.getAttribute('data-open0') === '1';
            });
            if (counter) { counter.textContent = shown + ' of ' + steps.length + ' steps shown'; }
          }

          Array.prototype.forEach.call(doc.querySelectorAll('button[data-outcome]'), function (button) {
            button.addEventListener('click', function () {
              var outcome = button.getAttribute('data-outcome');
              state.outcomes[outcome] = !state.outcomes[outcome];
              button.setAttribute('aria-pressed', state.outcomes[outcome] ? 'true' : 'false');
              apply();
            });
          });
          var tagSelect = doc.getElementById('tag-filter');
          if (tagSelect) {
            tagSelect.addEventListener('change', function () { state.tag = tagSelect.value; apply(); });
          }
          var search = doc.getElementById('search');
          var timer = null;
          if (search) {
            search.addEventListener('input', function () {
              clearTimeout(timer);
              timer = setTimeout(function () { state.text = search.value.trim().toLowerCase(); apply(); }, 120);
            });
          }

          function setAll(selector, open) {
            Array.prototype.forEach.call(doc.querySelectorAll(selector), function (element) {
              if (!element.hidden) { element.open = open; }
            });
          }
          var actions = {
            'expand-suites': function () { setAll('details.suite', true); },
            'collapse-all': function () { setAll('details.step', false); setAll('details.suite', false); },
            'expand-failures': function () {
              steps.forEach(function (step, i) {
                var outcome = step.getAttribute('data-outcome');
                if (!step.hidden && (outcome === 'failed' || outcome === 'error')) {
                  step.open = true;
                  if (suiteOf[i]) { suiteOf[i].open = true; }
                }
              });
            }
          };
          Array.prototype.forEach.call(doc.querySelectorAll('button[data-action]'), function (button) {
            button.addEventListener('click', function () { actions[button.getAttribute('data-action')](); });
          });

          function copied(button, ok) {
            var label = button.textContent;
            button.textContent = ok ? 'Copied' : 'Select and copy';
            setTimeout(function () { button.textContent = label; }, 1400);
          }
          Array.prototype.forEach.call(doc.querySelectorAll('button.copy'), function (button) {
            button.addEventListener('click', function () {
              var source = doc.getElementById(button.getAttribute('data-copy'));
              if (!source) { return; }
              var text = source.textContent;
              function fallback() {
                var range = doc.createRange();
                range.selectNodeContents(source);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                var ok = false;
                try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
                copied(button, ok);
              }
              if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(text).then(function () { copied(button, true); }, fallback);
              } else {
                fallback();
              }
            });
          });

          var untouched = doc.getElementById('untouched-only');
          var coverage = doc.getElementById('coverage-table');
          if (untouched && coverage) {
            untouched.addEventListener('change', function () {
              coverage.classList.toggle('only-untouched', untouched.checked);
            });
          }

          function reveal() {
            var id = decodeURIComponent(location.hash.slice(1));
            var target = id ? doc.getElementById(id) : null;
            if (!target) { return; }
            for (var node = target; node; node = node.parentElement) {
              if (node.tagName === 'DETAILS') { node.open = true; }
            }
            target.scrollIntoView({ block: 'start' });
          }
          window.addEventListener('hashchange', reveal);
          reveal();
          if (counter) { counter.textContent = steps.length + ' steps'; }
        })();
        """
}
