<?php
// The words a post shows, hashed exactly as Qalam does (qalam-core, publish/web_text.rs,
// rule "qalam-web-text 1"): block comments and tags dropped (each tag a space), entities
// decoded, runs of the same listed space characters made one space.

defined('ABSPATH') || exit;

const QALAM_SPACES = '[\x{9}\x{A}\x{B}\x{C}\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]+';

function qalam_strip_markup(string $markup): string {
    $out = '';
    $rest = $markup;
    while (($open = strpos($rest, '<')) !== false) {
        $out .= substr($rest, 0, $open);
        $after = substr($rest, $open);
        $end = str_starts_with($after, '<!--') ? strpos($after, '-->') : strpos($after, '>');
        if ($end === false) {
            return $out; // An unclosed tag runs to the end.
        }
        $out .= ' ';
        $rest = substr($after, $end + (str_starts_with($after, '<!--') ? 3 : 1));
    }
    return $out . $rest;
}

function qalam_decode(string $text): string {
    return preg_replace_callback('/&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/', function ($m) {
        $name = $m[1];
        $named = ['amp' => '&', 'lt' => '<', 'gt' => '>', 'quot' => '"', 'apos' => "'", 'nbsp' => "\u{A0}"];
        if (isset($named[$name])) {
            return $named[$name];
        }
        $code = ($name[1] === 'x' || $name[1] === 'X') ? hexdec(substr($name, 2)) : intval(substr($name, 1));
        $char = mb_chr($code, 'UTF-8');
        return $char === false ? $m[0] : $char;
    }, $text);
}

function qalam_words(string $text): string {
    $parts = preg_split('/' . QALAM_SPACES . '/u', $text, -1, PREG_SPLIT_NO_EMPTY);
    return implode(' ', $parts === false ? [] : $parts);
}

function qalam_web_text_hash(string $title, string $excerpt, string $content): string {
    $text = "qalam-web-text 1\n" . qalam_words(qalam_decode($title)) . "\n" . qalam_words(qalam_decode($excerpt))
        . "\n" . qalam_words(qalam_decode(qalam_strip_markup($content)));
    return hash('sha256', $text);
}
