// The host page's side of the consent widget: its "Start chat" button asks the widget's gate.
(function () {
  'use strict';
  var button = document.getElementById('start-chat');
  var status = document.getElementById('chat-status');
  var chat = document.getElementById('chat');
  window.demoChat = { started: 0, receiptId: null };

  function startChat(receipt) {
    window.demoChat.started += 1;
    window.demoChat.receiptId = receipt.receiptId;
    status.textContent = 'Chat started (consent receipt ' + receipt.receiptId + ').';
    chat.hidden = false;
  }

  button.addEventListener('click', function () {
    if (!window.ChatConsent) {
      status.textContent = 'The consent form is still loading; please try again in a moment.';
      return;
    }
    status.textContent = 'Waiting for your consent…';
    window.ChatConsent.requestChatStart(startChat);
  });
  document.addEventListener('chatconsent:revoked', function () {
    chat.hidden = true;
    window.demoChat.receiptId = null;
    status.textContent = 'Consent withdrawn: the chat is closed.';
  });
})();
