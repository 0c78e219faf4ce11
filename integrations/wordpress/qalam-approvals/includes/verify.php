<?php
// Checking a post's approval: each approval event Qalam delivered is the exact JSON an editor
// signed (ed25519, checked with libsodium). It verifies when its key is one of the newsroom's
// (the settings page), its fingerprint is that key's, the signature holds, it approves the
// revision and content the post's meta names — and the words the post shows now hash to the
// words it approved — and it is not older than the newest approval or correction that verified on
// this post before (`_qalam_signed_since`, kept by the plugin alone: REST cannot write it), so an
// older approval put back on the site cannot undo a correction. Otherwise the result says which of
// those failed.

defined('ABSPATH') || exit;

/** The keys set in Settings → Qalam: base64 public key → ['name' => name, 'chief' => a line ending `[chief]`]. */
function qalam_roster_lines(): array {
    $keys = [];
    foreach (preg_split('/\R/u', (string) get_option('qalam_roster_keys', '')) as $line) {
        $line = trim($line);
        if ($line === '' || str_starts_with($line, '#')) {
            continue;
        }
        $parts = preg_split('/\s+/u', $line, 2);
        $raw = base64_decode($parts[0], true);
        if ($raw !== false && strlen($raw) === SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES) {
            $name = trim($parts[1] ?? '');
            $chief = str_ends_with($name, '[chief]');
            $keys[$parts[0]] = ['name' => trim($chief ? substr($name, 0, -strlen('[chief]')) : $name), 'chief' => $chief];
        }
    }
    return $keys;
}

/** The keys set in Settings → Qalam: base64 public key → name. */
function qalam_roster(): array {
    return array_map(fn($line) => $line['name'], qalam_roster_lines());
}

/**
 * A signed event (`['body' => json, 'signature' => base64]`) checked against the roster (its
 * lines, as `qalam_roster_lines` gives them): ['state' => ok|unknown-key|bad-signature, 'body' =>
 * the event (when it reads), 'line' => the roster's line for its key (when ok)]. The one signature
 * check for approvals, corrections and an embargo's lift.
 */
function qalam_signature($signed, array $lines): array {
    $bad = ['state' => 'bad-signature', 'body' => null, 'line' => null];
    if (!is_array($signed) || !is_string($signed['body'] ?? null) || !is_string($signed['signature'] ?? null)) {
        return $bad;
    }
    $body = json_decode($signed['body'], true);
    if (!is_array($body) || !is_string($body['actor_key'] ?? null)) {
        return $bad;
    }
    $key = $body['actor_key'];
    if (!isset($lines[$key])) {
        return ['state' => 'unknown-key', 'body' => $body, 'line' => null];
    }
    $raw_key = base64_decode($key, true);
    $signature = base64_decode($signed['signature'], true);
    if ($signature === false || strlen($signature) !== SODIUM_CRYPTO_SIGN_BYTES || ($body['actor'] ?? '') !== substr(hash('sha256', $raw_key), 0, 32)
        || !sodium_crypto_sign_verify_detached($signature, $signed['body'], $raw_key)) {
        return ['state' => 'bad-signature', 'body' => $body, 'line' => null];
    }
    return ['state' => 'ok', 'body' => $body, 'line' => $lines[$key]];
}

/** The body of a signed event when a key of the roster signed it (a chief's, when `$chief`), or null. */
function qalam_signed_body($signed, bool $chief = false): ?array {
    $checked = qalam_signature($signed, qalam_roster_lines());
    if ($checked['state'] !== 'ok' || ($chief && !$checked['line']['chief'])) {
        return null;
    }
    return $checked['body'];
}

/**
 * The approval of a post as it is (or would be, with $fields overriding title, excerpt, content
 * and $meta overriding its meta): ['state' => verified|changed|superseded|unsigned|unknown-key|bad-signature|other-content,
 * 'by' => names, 'time' => the newest verified signature's time in ms, 0 if none].
 */
function qalam_verify(int $post_id, array $fields = [], ?array $meta = null): array {
    $post = $post_id ? get_post($post_id) : null;
    $get = fn($key) => $meta !== null && array_key_exists($key, $meta) ? $meta[$key] : ($post_id ? get_post_meta($post_id, $key, true) : '');
    $title = $fields['title'] ?? ($post ? $post->post_title : '');
    $excerpt = $fields['excerpt'] ?? ($post ? $post->post_excerpt : '');
    $content = $fields['content'] ?? ($post ? $post->post_content : '');
    $approvals = json_decode((string) $get('qalam_approval'), true);
    if (!is_array($approvals) || count($approvals) === 0) {
        return ['state' => 'unsigned', 'by' => [], 'time' => 0];
    }
    $roster = qalam_roster_lines();
    $words = qalam_web_text_hash($title, $excerpt, $content);
    $since = $post_id ? (int) get_post_meta($post_id, '_qalam_signed_since', true) : 0;
    $worst = 'bad-signature';
    $verified = [];
    $changed = [];
    $superseded = [];
    $newest = 0;
    foreach ($approvals as $approval) {
        $state = qalam_check_one($approval, $roster, (string) $get('qalam_article_id'), (int) $get('qalam_revision'),
            (string) $get('qalam_content_hash'), $words, $since);
        $name = $state['name'];
        if ($state['state'] === 'verified') {
            $verified[] = $name;
            $newest = max($newest, $state['time']);
        } elseif ($state['state'] === 'changed') {
            $changed[] = $name;
        } elseif ($state['state'] === 'superseded') {
            $superseded[] = $name;
        } elseif ($state['state'] === 'unknown-key' || $worst === 'bad-signature') {
            $worst = $state['state'];
        }
    }
    if ($verified) {
        return ['state' => 'verified', 'by' => array_values(array_unique($verified)), 'time' => $newest];
    }
    if ($changed) {
        return ['state' => 'changed', 'by' => array_values(array_unique($changed)), 'time' => 0];
    }
    if ($superseded) {
        return ['state' => 'superseded', 'by' => array_values(array_unique($superseded)), 'time' => 0];
    }
    return ['state' => $worst, 'by' => [], 'time' => 0];
}

// The newest signature that verified on a post, kept after each REST write: an older one no longer
// verifies there.
add_action('rest_after_insert_post', function ($post) {
    $verdict = qalam_verify((int) $post->ID);
    $since = (int) get_post_meta($post->ID, '_qalam_signed_since', true);
    if ($verdict['state'] === 'verified' && $verdict['time'] > $since) {
        update_post_meta($post->ID, '_qalam_signed_since', $verdict['time']);
    }
});

/** One approval (or correction) of the post checked: `$lines` the roster's lines, `$since` the newest
 *  signature that verified on the post before (ms). */
function qalam_check_one($approval, array $lines, string $article, int $revision, string $content_hash, string $words, int $since = 0): array {
    $fail = fn($state, $name = '') => ['state' => $state, 'name' => $name];
    $checked = qalam_signature($approval, $lines);
    $body = $checked['body'];
    if ($checked['state'] === 'unknown-key') {
        return $fail('unknown-key', (string) ($body['actor_name'] ?? ''));
    }
    if ($checked['state'] !== 'ok') {
        return $fail('bad-signature');
    }
    $name = $checked['line']['name'] !== '' ? $checked['line']['name'] : (string) ($body['actor_name'] ?? '');
    // A correction signs the corrected post (its notes included) as an approval does.
    $approves = in_array($body['kind']['transition'] ?? '', ['approve', 'correct'], true);
    if (!$approves || ($body['article'] ?? '') !== $article || (int) ($body['revision'] ?? -1) !== $revision
        || ($body['package_hash'] ?? '') !== $content_hash) {
        return $fail('other-content', $name);
    }
    if (($body['web_text_hash'] ?? '') !== $words) {
        return $fail('changed', $name);
    }
    $time = (int) ($body['time'] ?? 0);
    if ($time < $since) {
        return $fail('superseded', $name);
    }
    return ['state' => 'verified', 'name' => $name, 'time' => $time];
}

/** The result in words, in the site's language (Arabic or English). */
function qalam_verdict_text(array $verdict): string {
    $ar = str_starts_with(get_locale(), 'ar');
    $by = implode($ar ? '، ' : ', ', $verdict['by']);
    switch ($verdict['state']) {
        case 'verified':
            return $ar ? "اعتمده $by، تحقّق" : "approved by $by, verified";
        case 'changed':
            return $ar ? "تغيّر بعد اعتماد $by" : "changed after approval by $by";
        case 'superseded':
            return $ar ? "اعتماد أقدم من $by: اعتُمدت القصة أو صُحّحت بعده" : "an older approval by $by: the story was approved or corrected since";
        case 'unsigned':
            return $ar ? 'بلا اعتماد' : 'no approval';
        case 'unknown-key':
            return $ar ? 'اعتمده مفتاح لا تعرفه إعدادات قلم' : 'approved by a key not in the Qalam settings';
        case 'other-content':
            return $ar ? 'الاعتماد لنص آخر' : 'the approval is of other content';
        default:
            return $ar ? 'توقيع الاعتماد لا يصحّ' : 'the approval signature does not verify';
    }
}
