/* Forms marked data-confirm ask before they are sent (deleting a session, for example). */
document.addEventListener("submit", function (e) {
  var text = e.target.dataset && e.target.dataset.confirm;
  if (text && !window.confirm(text)) e.preventDefault();
});
