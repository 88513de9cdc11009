/*! chat-privacy consent.js 1.0.0 | pre-chat consent widget | served by consent-service at /widget/v1/consent.js */
(function () {
  'use strict';

  var VERSION = '1.0.0';
  var script = document.currentScript;
  if (window.ChatConsent && window.ChatConsent.version) {
    return; // loaded twice: keep the first
  }

  var STRINGS = {
    en: {
      title: 'Before we chat',
      consents: 'Your consent to this chat',
      loading: 'Loading the consent form…',
      required: '(required)',
      optional: '(optional)',
      submit: 'Give consent',
      needRequired: 'Please tick every required box before the chat can start.',
      recorded: 'Thank you: your consent is recorded. The chat can start.',
      consented: 'You gave your consent. Receipt: {receipt}',
      withdraw: 'Withdraw consent',
      withdrawn: 'Your consent is withdrawn. The chat cannot start until you consent again.',
      choices: 'Your privacy choices',
      sale: 'Do Not Sell or Share My Personal Information',
      saleYes: 'Opt out of sale and sharing',
      saleNo: 'Do not opt out',
      limit: 'Limit the Use of My Sensitive Personal Information',
      limitYes: 'Limit the use',
      limitNo: 'Do not limit',
      optOutHonored: 'Opt-Out Request Honored',
      limitHonored: 'Limit Request Honored',
      gpc: 'Your browser sent a Global Privacy Control signal; we treat it as a request to opt out of sale and sharing.',
      noChange: 'Noted: nothing was changed.',
      noForm: 'The chat is not available right now.',
      failed: 'Something went wrong. Please try again.'
    },
    es: {
      title: 'Antes de chatear',
      consents: 'Su consentimiento para este chat',
      loading: 'Cargando el formulario de consentimiento…',
      required: '(obligatorio)',
      optional: '(opcional)',
      submit: 'Dar mi consentimiento',
      needRequired: 'Marque todas las casillas obligatorias para poder iniciar el chat.',
      recorded: 'Gracias: su consentimiento quedó registrado. El chat puede comenzar.',
      consented: 'Usted dio su consentimiento. Comprobante: {receipt}',
      withdraw: 'Retirar el consentimiento',
      withdrawn: 'Su consentimiento fue retirado. El chat no puede comenzar hasta que vuelva a dar su consentimiento.',
      choices: 'Sus opciones de privacidad',
      sale: 'No vender ni compartir mi información personal',
      saleYes: 'Excluirme de la venta y el intercambio',
      saleNo: 'No excluirme',
      limit: 'Limitar el uso de mi información personal confidencial',
      limitYes: 'Limitar el uso',
      limitNo: 'No limitar',
      optOutHonored: 'Solicitud de exclusión atendida',
      limitHonored: 'Solicitud de limitación atendida',
      gpc: 'Su navegador envió una señal de Control Global de Privacidad; la tratamos como una solicitud de exclusión de la venta y el intercambio.',
      noChange: 'Anotado: no se cambió nada.',
      noForm: 'El chat no está disponible en este momento.',
      failed: 'Algo salió mal. Inténtelo de nuevo.'
    }
  };

  var STORE = 'chatConsent.';
  var preset = window.ChatConsentConfig || {};
  var data = (script && script.dataset) || {};
  var config = {
    widgetKey: preset.widgetKey || data.widgetKey,
    container: preset.container || data.container || '#chat-consent',
    api: preset.api || data.api || (script && script.src ? new URL(script.src, location.href).origin : location.origin),
    lang: preset.lang || data.lang || (document.documentElement.lang || 'en').slice(0, 2),
    stylesheet: preset.stylesheet !== undefined ? preset.stylesheet : data.stylesheet !== 'false',
    strings: {}
  };
  if (preset.strings) {
    config.strings = preset.strings;
  }

  var state = {
    visitorId: visitor(),
    form: null,
    receipt: readReceipt(),
    optedOut: false,
    limited: false,
    gpc: navigator.globalPrivacyControl === true,
    status: 'loading',
    pending: [],
    readyCallbacks: []
  };
  var ui = {};

  function t(key) {
    var lang = STRINGS[config.lang] ? config.lang : 'en';
    var value = config.strings[key];
    return value !== undefined ? String(value) : STRINGS[lang][key] !== undefined ? STRINGS[lang][key] : STRINGS.en[key];
  }

  // ------------------------------------------------------------ storage and ids

  function store(key, value) {
    try {
      if (value === null) {
        localStorage.removeItem(STORE + key);
      } else {
        localStorage.setItem(STORE + key, value);
      }
    } catch (e) {
      /* storage refused (private mode): the id lives for this page only */
    }
  }

  function load(key) {
    try {
      return localStorage.getItem(STORE + key);
    } catch (e) {
      return null;
    }
  }

  function visitor() {
    var id = load('visitorId');
    if (id && /^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      return id;
    }
    var bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    id = 'v-' + btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    store('visitorId', id);
    return id;
  }

  function readReceipt() {
    try {
      var r = JSON.parse(load('receipt') || 'null');
      return r && typeof r.receiptId === 'string' ? r : null;
    } catch (e) {
      return null;
    }
  }

  // ------------------------------------------------------------ the API of consent-service

  function call(method, path, body) {
    var headers = { 'X-Widget-Key': config.widgetKey || '' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(config.api + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      mode: 'cors',
      keepalive: method === 'POST'
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          /* not JSON */
        }
        if (!response.ok) {
          var error = new Error((json && json.detail) || 'HTTP ' + response.status);
          error.status = response.status;
          error.problem = json;
          throw error;
        }
        return json;
      });
    });
  }

  function visitorPath(action) {
    return '/widget/visitors/' + encodeURIComponent(state.visitorId) + '/' + action;
  }

  // ------------------------------------------------------------ DOM helpers (server text is only ever text nodes)

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  /** Appends plain text in which [label](https://…) becomes a real link; anything else stays text. */
  function appendText(parent, text) {
    var pattern = /\[([^\]\n]{1,500})\]\((https?:\/\/[^\s()]{1,2000})\)/g;
    var at = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      var url;
      try {
        url = new URL(match[2]);
      } catch (e) {
        url = null;
      }
      if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
        var a = el('a', 'cc-link', match[1]);
        a.href = url.href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        parent.appendChild(a);
      } else {
        parent.appendChild(document.createTextNode(match[0]));
      }
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function announce(message, isError) {
    if (!ui.status) {
      return;
    }
    ui.status.textContent = message || '';
    ui.status.className = 'cc-status' + (isError ? ' cc-error' : '');
  }

  function emit(name, detail) {
    var event = new CustomEvent('chatconsent:' + name, { detail: detail, bubbles: true });
    (ui.root || document).dispatchEvent(event);
  }

  // ------------------------------------------------------------ rendering

  function container() {
    var target = config.container;
    return typeof target === 'string' ? document.querySelector(target) : target;
  }

  function render() {
    var host = container();
    if (!host) {
      return;
    }
    var lang = STRINGS[config.lang] ? config.lang : 'en';
    var root = el('section', 'cc-widget');
    root.lang = lang;
    root.setAttribute('aria-labelledby', 'cc-title');
    var title = el('h2', 'cc-title', t('title'));
    title.id = 'cc-title';
    root.appendChild(title);
    root.setAttribute('data-state', state.status === 'ready' && consented() ? 'consented' : state.status);
    ui = { root: root };

    if (state.status === 'loading') {
      root.appendChild(el('p', 'cc-note', t('loading')));
    } else if (state.status === 'no-form') {
      root.appendChild(el('p', 'cc-note', t('noForm')));
    } else if (consented()) {
      renderConsented(root);
    } else {
      renderForm(root);
    }
    if (state.status !== 'loading') {
      renderChoices(root);
    }

    var status = el('p', 'cc-status');
    status.id = 'cc-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    root.appendChild(status);
    ui.status = status;

    host.replaceChildren(root);
  }

  function renderForm(root) {
    var form = el('form', 'cc-form');
    form.noValidate = false;
    var fieldset = el('fieldset', 'cc-consents');
    fieldset.appendChild(el('legend', 'cc-legend', t('consents')));
    ui.inputs = {};
    ui.boxes = [];

    state.form.fields.forEach(function (field) {
      if (field.kind !== 'NAME' && field.kind !== 'EMAIL') {
        return; // the chat platform asks for free text; this form records who consents
      }
      var row = el('div', 'cc-field');
      var id = 'cc-field-' + field.id;
      var label = el('label', 'cc-label', field.label + ' ' + t(field.required ? 'required' : 'optional'));
      label.htmlFor = id;
      var input = el('input', 'cc-input');
      input.id = id;
      input.name = field.id;
      input.type = field.kind === 'EMAIL' ? 'email' : 'text';
      input.autocomplete = field.kind === 'EMAIL' ? 'email' : 'name';
      input.required = field.required;
      input.maxLength = 200;
      row.appendChild(label);
      row.appendChild(input);
      fieldset.appendChild(row);
      ui.inputs[field.kind] = input;
    });

    state.form.consents.forEach(function (consent) {
      var row = el('div', 'cc-consent');
      var id = 'cc-consent-' + consent.id;
      var box = el('input', 'cc-checkbox');
      box.type = 'checkbox';
      box.id = id;
      box.name = 'consent';
      box.value = consent.id;
      box.checked = false;
      box.required = consent.required;
      box.addEventListener('change', updateSubmit);
      var label = el('label', 'cc-label');
      label.htmlFor = id;
      appendText(label, consent.label);
      label.appendChild(document.createTextNode(' '));
      label.appendChild(el('span', 'cc-flag', t(consent.required ? 'required' : 'optional')));
      row.appendChild(box);
      row.appendChild(label);
      fieldset.appendChild(row);
      ui.boxes.push({ box: box, consent: consent });
    });

    var hint = el('p', 'cc-note', t('needRequired'));
    hint.id = 'cc-hint';
    fieldset.appendChild(hint);
    var submit = el('button', 'cc-button cc-primary', t('submit'));
    submit.type = 'submit';
    submit.setAttribute('aria-describedby', 'cc-hint');
    fieldset.appendChild(submit);
    ui.submit = submit;
    ui.hint = hint;
    form.appendChild(fieldset);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      give();
    });
    root.appendChild(form);
    updateSubmit();
  }

  function renderConsented(root) {
    var box = el('div', 'cc-consented');
    box.appendChild(el('p', 'cc-note', t('consented').replace('{receipt}', state.receipt.receiptId)));
    var withdraw = el('button', 'cc-button', t('withdraw'));
    withdraw.type = 'button';
    withdraw.className = 'cc-button cc-withdraw';
    withdraw.addEventListener('click', revoke);
    box.appendChild(withdraw);
    root.appendChild(box);
    ui.withdraw = withdraw;
  }

  function renderChoices(root) {
    var fieldset = el('fieldset', 'cc-choices');
    fieldset.appendChild(el('legend', 'cc-legend', t('choices')));
    choice(fieldset, 'sale', state.optedOut, t('optOutHonored'), optOut);
    choice(fieldset, 'limit', state.limited, t('limitHonored'), limit);
    if (state.gpc) {
      fieldset.appendChild(el('p', 'cc-note cc-gpc', t('gpc')));
    }
    root.appendChild(fieldset);
  }

  /** One right, two equal buttons (same look, same size, neither preselected), or the honoured notice. */
  function choice(parent, key, honoured, honouredText, act) {
    var group = el('div', 'cc-choice');
    group.setAttribute('role', 'group');
    var heading = el('p', 'cc-choice-title', t(key));
    heading.id = 'cc-' + key + '-title';
    group.setAttribute('aria-labelledby', heading.id);
    group.appendChild(heading);
    if (honoured) {
      var done = el('p', 'cc-honored', honouredText);
      done.id = 'cc-' + key + '-honored';
      group.appendChild(done);
    } else {
      var buttons = el('div', 'cc-pair');
      var yes = el('button', 'cc-button cc-choice-button', t(key + 'Yes'));
      var no = el('button', 'cc-button cc-choice-button', t(key + 'No'));
      yes.type = no.type = 'button';
      yes.id = 'cc-' + key + '-yes';
      no.id = 'cc-' + key + '-no';
      yes.addEventListener('click', act);
      no.addEventListener('click', function () {
        announce(t('noChange'));
      });
      buttons.appendChild(yes);
      buttons.appendChild(no);
      group.appendChild(buttons);
    }
    parent.appendChild(group);
  }

  function missingRequired() {
    return (ui.boxes || []).filter(function (b) {
      return b.consent.required && !b.box.checked;
    });
  }

  function updateSubmit() {
    if (!ui.submit) {
      return;
    }
    var missing = missingRequired().length > 0;
    ui.submit.disabled = missing;
    ui.hint.hidden = !missing;
  }

  // ------------------------------------------------------------ actions

  function consented() {
    return !!(state.receipt && state.form && state.receipt.formVersion === state.form.version);
  }

  function give() {
    var missing = missingRequired();
    if (missing.length) {
      announce(t('needRequired'), true);
      missing[0].box.focus();
      return Promise.resolve(null);
    }
    var body = {
      formVersion: state.form.version,
      visitorId: state.visitorId,
      consents: ui.boxes.filter(function (b) {
        return b.box.checked;
      }).map(function (b) {
        return b.consent.id;
      }),
      optOut: state.optedOut
    };
    if (ui.inputs.NAME && ui.inputs.NAME.value.trim()) {
      body.name = ui.inputs.NAME.value.trim();
    }
    if (ui.inputs.EMAIL && ui.inputs.EMAIL.value.trim()) {
      body.email = ui.inputs.EMAIL.value.trim();
    }
    ui.submit.disabled = true;
    return call('POST', '/widget/consents', body).then(
      function (receipt) {
        state.receipt = {
          receiptId: receipt.receiptId,
          visitorId: receipt.visitorId,
          formVersion: receipt.formVersion,
          consents: receipt.consents,
          recordedAt: receipt.recordedAt
        };
        store('receipt', JSON.stringify(state.receipt));
        if (receipt.optedOut) {
          state.optedOut = true;
        }
        render();
        announce(t('recorded'));
        if (ui.withdraw) {
          ui.withdraw.focus();
        }
        release();
        return state.receipt;
      },
      function () {
        updateSubmit();
        announce(t('failed'), true);
        return null;
      }
    );
  }

  function revoke() {
    var receipt = state.receipt;
    if (!receipt) {
      return Promise.resolve(false);
    }
    return call('POST', '/widget/consents/' + encodeURIComponent(receipt.receiptId) + '/revocation', {
      visitorId: state.visitorId
    }).then(
      function () {
        state.receipt = null;
        store('receipt', null);
        render();
        announce(t('withdrawn'));
        emit('revoked', { receiptId: receipt.receiptId, visitorId: state.visitorId });
        return true;
      },
      function (error) {
        if (error.status === 404) {
          state.receipt = null; // not this visitor's any more (or unknown): nothing left to withdraw
          store('receipt', null);
          render();
        }
        announce(t('failed'), true);
        return false;
      }
    );
  }

  function optOut(event, viaGpc) {
    return call('POST', visitorPath('opt-out')).then(
      function (status) {
        applyStatus(status);
        render();
        announce(t('optOutHonored'));
        emit('optout', { visitorId: state.visitorId, gpc: !!viaGpc });
        return status;
      },
      function () {
        announce(t('failed'), true);
        return null;
      }
    );
  }

  function limit() {
    return call('POST', visitorPath('limit')).then(
      function (status) {
        applyStatus(status);
        render();
        announce(t('limitHonored'));
        emit('limit', { visitorId: state.visitorId });
        return status;
      },
      function () {
        announce(t('failed'), true);
        return null;
      }
    );
  }

  function applyStatus(status) {
    if (status) {
      state.optedOut = state.optedOut || status.optedOut === true;
      state.limited = state.limited || status.sensitiveUseLimited === true;
    }
  }

  function receiptInfo() {
    return state.receipt
      ? {
          receiptId: state.receipt.receiptId,
          visitorId: state.visitorId,
          formVersion: state.receipt.formVersion,
          consents: state.receipt.consents.slice()
        }
      : null;
  }

  /** Calls every held "start chat" callback now that the visitor consented. */
  function release() {
    var info = receiptInfo();
    var waiting = state.pending.concat(state.readyCallbacks);
    state.pending = [];
    waiting.forEach(function (callback) {
      try {
        callback(info);
      } catch (e) {
        setTimeout(function () {
          throw e;
        });
      }
    });
    emit('granted', info);
  }

  // ------------------------------------------------------------ start

  function start() {
    if (config.stylesheet && !document.querySelector('link[data-chat-consent]')) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = config.api + '/widget/v1/consent.css';
      link.crossOrigin = 'anonymous';
      link.setAttribute('data-chat-consent', VERSION);
      document.head.appendChild(link);
    }
    render();
    var gpcDone = state.gpc ? optOut(null, true) : Promise.resolve(null);
    var form = call('GET', '/widget/forms/current').then(
      function (current) {
        state.form = current;
        state.status = 'ready';
        if (state.receipt && state.receipt.formVersion !== current.version) {
          state.receipt = null; // a new form version: ask again
          store('receipt', null);
        }
      },
      function (error) {
        state.status = error.status === 404 ? 'no-form' : 'error';
        if (state.status === 'error') {
          state.status = 'no-form';
        }
      }
    );
    var status = call('GET', visitorPath('opt-out')).then(applyStatus, function () {});
    Promise.all([form, status, gpcDone]).then(function () {
      render();
      if (state.gpc && state.optedOut) {
        announce(t('optOutHonored'));
      }
      emit('ready', { visitorId: state.visitorId, formVersion: state.form ? state.form.version : null });
      if (consented()) {
        release();
      }
    });
  }

  // ------------------------------------------------------------ the host page's API

  window.ChatConsent = {
    version: VERSION,
    /** Overrides settings and strings (merged) and renders again. */
    configure: function (options) {
      options = options || {};
      if (options.strings) {
        for (var key in options.strings) {
          if (Object.prototype.hasOwnProperty.call(options.strings, key)) {
            config.strings[key] = options.strings[key];
          }
        }
      }
      ['lang', 'container'].forEach(function (name) {
        if (options[name]) {
          config[name] = options[name];
        }
      });
      render();
      return this;
    },
    /**
     * The gate: calls callback(receipt) at once if the visitor has consented to the current form,
     * otherwise holds it until they do (and points them at the form). Also returns a Promise.
     */
    requestChatStart: function (callback) {
      return new Promise(function (resolve) {
        var run = function (info) {
          if (typeof callback === 'function') {
            callback(info);
          }
          resolve(info);
        };
        if (consented()) {
          run(receiptInfo());
          return;
        }
        state.pending.push(run);
        announce(t('needRequired'), true);
        var missing = missingRequired();
        if (missing.length) {
          missing[0].box.focus();
        }
      });
    },
    /** callback(receipt) whenever the visitor consents (and at once if they already have). */
    onReady: function (callback) {
      state.readyCallbacks.push(callback);
      if (consented()) {
        callback(receiptInfo());
      }
      return this;
    },
    /** Withdraws the current consent (as the widget's button does); resolves to true when done. */
    withdraw: revoke,
    optOut: function () {
      return optOut(null, false);
    },
    limitSensitiveUse: limit,
    /** What the widget knows now. */
    state: function () {
      return {
        visitorId: state.visitorId,
        formVersion: state.form ? state.form.version : null,
        consented: consented(),
        receipt: receiptInfo(),
        optedOut: state.optedOut,
        sensitiveUseLimited: state.limited,
        gpc: state.gpc
      };
    },
    /** The default strings of a language (a copy), to start a translation from. */
    strings: function (lang) {
      var source = STRINGS[lang || 'en'] || STRINGS.en;
      var copy = {};
      for (var key in source) {
        copy[key] = source[key];
      }
      return copy;
    }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
