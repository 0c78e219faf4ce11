<?php
// Settings → Qalam: the newsroom's editors' public keys (one per line: the base64 key, then a
// name), and whether a post whose approval does not verify may be published.

defined('ABSPATH') || exit;

add_action('admin_init', function () {
    register_setting('qalam', 'qalam_roster_keys', ['type' => 'string', 'sanitize_callback' => 'sanitize_textarea_field', 'default' => '']);
    register_setting('qalam', 'qalam_refuse_unverified', ['type' => 'boolean', 'sanitize_callback' => 'rest_sanitize_boolean', 'default' => false]);
});

add_action('admin_menu', function () {
    add_options_page('Qalam', 'Qalam', 'manage_options', 'qalam', 'qalam_settings_page');
});

function qalam_settings_page(): void {
    $ar = str_starts_with(get_locale(), 'ar');
    echo '<div class="wrap"><h1>Qalam</h1><form method="post" action="options.php">';
    settings_fields('qalam');
    echo '<p><label for="qalam_roster_keys">' . esc_html($ar ? 'المفاتيح العامة لمحرري غرفة الأخبار (في كل سطر: المفتاح ثم الاسم، كما يطبعها qalam profile show)' : "The newsroom's editors' public keys (one per line: the key, then the name, as qalam profile show prints them)") . '</label></p>';
    echo '<textarea id="qalam_roster_keys" name="qalam_roster_keys" rows="8" class="large-text code" dir="ltr">' . esc_textarea((string) get_option('qalam_roster_keys', '')) . '</textarea>';
    echo '<p><label><input type="checkbox" name="qalam_refuse_unverified" value="1"' . checked((bool) get_option('qalam_refuse_unverified'), true, false) . '> ';
    echo esc_html($ar ? 'لا يُنشر مقال لا يصحّ اعتماده (يبقى بانتظار المراجعة)' : 'Do not publish a post whose approval does not verify (it stays pending review)') . '</label></p>';
    submit_button();
    echo '</form></div>';
}
