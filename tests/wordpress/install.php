<?php
// Installs a fresh WordPress for tests/wordpress/site.sh from the PHP command line: the site,
// pretty permalinks (so /wp-json/ works), three users with Application Passwords, two Arabic
// categories, and the Qalam plugin. Prints shell assignments for site.env.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
// No mail leaves a test site (and the machine has no sendmail).
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$admin_password = wp_generate_password(24, false);
$installed = wp_install('موقع الاختبار', 'admin', 'admin@example.test', false, '', $admin_password);
if (is_wp_error($installed)) {
    fwrite(STDERR, $installed->get_error_message() . "\n");
    exit(1);
}
update_option('permalink_structure', '/%postname%/');
update_option('WPLANG', '');
// Avatars come from an outside service: a test site's pages load nothing from outside.
update_option('show_avatars', 0);
flush_rewrite_rules(true);

// The administrator's login password, for a browser that opens the site's own editor.
$out = ["WP_ADMIN_LOGIN_PASSWORD='$admin_password'"];
foreach (['admin' => 'administrator', 'editor' => 'editor', 'author' => 'author'] as $login => $role) {
    $user = get_user_by('login', $login);
    $id = $user ? $user->ID : wp_create_user($login, wp_generate_password(24, false), "$login@example.test");
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    (new WP_User($id))->set_role($role);
    [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'qalam-tests']);
    $out[] = 'WP_' . strtoupper($login) . "_PASSWORD='$password'";
}
// A fresh site starts with a sample post and comment; the tests count posts, so it goes.
wp_delete_post(1, true);
foreach (['سياسة' => 'politics', 'اقتصاد' => 'economy'] as $name => $slug) {
    wp_insert_term($name, 'category', ['slug' => $slug]);
}
if (getenv('QALAM_WP_PLUGIN') !== '1') {
    $activated = activate_plugin('qalam-approvals/qalam-approvals.php');
    if (is_wp_error($activated)) {
        fwrite(STDERR, 'the Qalam plugin did not activate: ' . $activated->get_error_message() . "\n");
        exit(1);
    }
}
echo implode("\n", $out), "\n";
