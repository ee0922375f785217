// Videos on guide and procedure pages (templates/partials/video.html).
//
// A YouTube video arrives as a poster from this site with a hidden play button. This script
// shows the button; pressing it puts the player from www.youtube-nocookie.com in the poster's
// place, so nothing is asked of any other site until the citizen chooses to watch. Chapter links
// seek their video: a self-hosted one jumps to the moment, a YouTube one restarts there. An
// address ending in #t=95 starts the page's first video at 95 s. Without this script, the page
// keeps plain links to the video and to each chapter.
(function () {
  'use strict';

  var ALLOW = 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture';

  function playYouTube(figure, start) {
    var url = new URL(figure.getAttribute('data-youtube'));
    url.searchParams.set('autoplay', '1');
    if (start > 0) url.searchParams.set('start', String(start));
    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = figure.getAttribute('data-title');
    frame.allow = ALLOW;
    frame.allowFullscreen = true;
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    figure.querySelector('.video-screen').replaceChildren(frame);
    frame.focus();
  }

  function seek(figure, seconds, play) {
    var video = figure.querySelector('video');
    if (!video) {
      if (play) playYouTube(figure, seconds);
      else figure.setAttribute('data-start', String(seconds));
      return;
    }
    video.currentTime = seconds;
    // A browser may refuse to start playing; the player then waits at the chapter.
    if (play) video.play().catch(function () {});
  }

  document.querySelectorAll('figure[data-youtube]').forEach(function (figure) {
    var button = figure.querySelector('.video-play');
    button.hidden = false;
    button.addEventListener('click', function () {
      playYouTube(figure, Number(figure.getAttribute('data-start') || 0));
    });
  });

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-seek]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var figure = document.getElementById(link.getAttribute('data-video'));
    if (!figure) return;
    event.preventDefault();
    seek(figure, Number(link.getAttribute('data-seek')), true);
    figure.scrollIntoView({ block: 'nearest' });
  });

  var moment = /^#t=(\d+)$/.exec(location.hash);
  var first = document.querySelector('figure.video');
  if (moment && first) seek(first, Number(moment[1]), false);
})();
