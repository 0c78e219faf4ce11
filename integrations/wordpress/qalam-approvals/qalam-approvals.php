<?php
/**
 * Plugin Name: Qalam approvals
 * Description: Keeps the approval Qalam delivers with each post, checks it against the newsroom's editors' public keys and the words the post shows now, says "approved by …, verified" or "changed after approval" in the posts list and the editor, can refuse to publish a post whose approval does not verify, and holds a post under embargo until its time.
 * Version: 1.0.0
 * Requires PHP: 8.0
 * Requires at least: 6.1
 * License: MIT
 * Text Domain: qalam-approvals
 */

defined('ABSPATH') || exit;

require_once __DIR__ . '/includes/web-text.php';
require_once __DIR__ . '/includes/verify.php';
require_once __DIR__ . '/includes/meta.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/admin.php';
require_once __DIR__ . '/includes/publishing.php';
require_once __DIR__ . '/includes/embargo.php';
require_once __DIR__ . '/includes/takedown.php';
require_once __DIR__ . '/includes/rest.php';
