// Quick exit: leave for a neutral site at once, by the button, by Esc, or by pressing Shift three
// times (GOV.UK's "Exit this page" pattern). location.replace() drops this page from the tab's
// history, so Back does not return to it. Without JavaScript the button is still a plain link.
//
// "Safer browsing", which the reader switches on on the browse-safely page (kept in this browser's
// localStorage, never in a cookie): the site's own links and forms replace the history entry
// instead of adding one, so after a quick exit Back leaves the site entirely.
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) {
    return;
  }
  var hint = document.querySelector("[data-quick-exit-hint]");
  if (hint) {
    hint.hidden = false;
  }
  var status = document.querySelector("[data-quick-exit-status]");

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(button.href);
  }

  button.addEventListener("click", leave);

  // Esc leaves, except while the reader types in a field or picks from a list, or has a filter
  // (any <details>) open that they opened themselves: then Esc folds it, as readers expect.
  var NOT_TYPING = /^(button|checkbox|radio|submit|reset|image|file|range|color)$/;
  var opened = [];

  function typing(element) {
    if (!element) {
      return false;
    }
    var tag = element.tagName;
    return (
      tag === "TEXTAREA" ||
      tag === "SELECT" ||
      (tag === "INPUT" && !NOT_TYPING.test(element.type)) ||
      element.isContentEditable
    );
  }

  function openedByReader() {
    for (var i = opened.length - 1; i >= 0; i -= 1) {
      if (opened[i].open) {
        return opened[i];
      }
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("summary");
    if (summary && summary.parentElement && summary.parentElement.tagName === "DETAILS") {
      opened.push(summary.parentElement);
    }
  });

  document.addEventListener("keydown", function (event) {
    if ((event.key !== "Escape" && event.key !== "Esc") || typing(document.activeElement)) {
      return;
    }
    var details = openedByReader();
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
      return;
    }
    leave(event);
  });

  // Shift three times within five seconds, with no other key between; Shift held for a capital
  // letter does not count.
  var presses = 0;
  var timer = null;
  var lastKeyWasModified = false;

  function say(text) {
    if (status) {
      status.textContent = text || "";
    }
  }

  function resetPresses() {
    presses = 0;
    window.clearTimeout(timer);
    say("");
  }

  document.addEventListener(
    "keyup",
    function (event) {
      if (event.key === "Shift" && !lastKeyWasModified) {
        presses += 1;
        window.clearTimeout(timer);
        if (presses >= 3) {
          resetPresses();
          leave(event);
          return;
        }
        say(status && (presses === 1 ? status.dataset.twoMore : status.dataset.oneMore));
        timer = window.setTimeout(resetPresses, 5000);
      } else if (presses) {
        resetPresses();
      }
      lastKeyWasModified = event.shiftKey;
    },
    true
  );

  // Safer browsing.
  var KEY = "saferBrowsing";

  function saferBrowsing() {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return false; // storage blocked: the site behaves as usual
    }
  }

  document.addEventListener("click", function (event) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      !saferBrowsing()
    ) {
      return;
    }
    var link = event.target.closest && event.target.closest("a[href]");
    if (
      !link ||
      link.target ||
      link.hasAttribute("download") ||
      link.origin !== window.location.origin ||
      (link.hash && link.pathname === window.location.pathname && link.search === window.location.search)
    ) {
      return;
    }
    event.preventDefault();
    window.location.replace(link.href);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.method !== "get" || !saferBrowsing()) {
      return;
    }
    var address = new URL(form.action);
    if (address.origin !== window.location.origin) {
      return;
    }
    event.preventDefault();
    address.search = new URLSearchParams(new FormData(form)).toString();
    window.location.replace(address.href);
  });

  var panel = document.querySelector("[data-safer-browsing]");
  var toggle = document.querySelector("[data-safer-browsing-toggle]");
  if (panel && toggle) {
    try {
      toggle.checked = window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return; // no storage in this browser: the switch could not keep its setting
    }
    panel.hidden = false;
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        window.localStorage.setItem(KEY, "on");
      } else {
        window.localStorage.removeItem(KEY);
      }
    });
  }
})();
