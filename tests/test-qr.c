/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's QR code: drawn to PNG at the sizes a window, a presenter screen
 * and a HiDPI laptop use, read back with zbarimg (as a phone's camera would),
 * crisp (every pixel black or white, the quiet zone white), and a text too
 * long for any code refused with an error. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "staple-qr.h"

#define ROOM_URL "http://192.168.77.1:41523/q3X9-vT2bN8_kLmP0aZ7cw/"

static char *work_dir;

/* Draws @text into a white @pixels × @pixels image (device scale @scale)
 * at @x, @y, @size in user space. */
static cairo_surface_t *
render (const char *text,
        int         pixels,
        double      scale,
        double      x,
        double      y,
        double      size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleQr) qr = staple_qr_new (text, &error);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_no_error (error);
  g_assert_nonnull (qr);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pixels, pixels);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  /* Grey around the code, so that a quiet zone left unpainted shows. */
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  staple_qr_draw (qr, cr, x, y, size);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* What zbarimg reads in @surface, NULL if nothing. */
static char *
decode (cairo_surface_t *surface,
        const char      *name)
{
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                         path, NULL };
  int status = 0;

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("zbarimg found nothing in %s: %s", path, err);
      return NULL;
    }
  /* One line per symbol found. */
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  return g_steal_pointer (&out);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  /* Native-endian 32-bit pixels; memcpy, as the row pointer is bytes. */
  memcpy (&pixel, data + y * stride + x * 4, sizeof pixel);
  return pixel & 0xffffff;
}

static void
test_decode_sizes (void)
{
  /* A code in a window (~2 px a module), on the presenter screen, an odd
   * size whose leftover pixels widen the quiet zone, and a wall-sized one. */
  const int sizes[] = { 90, 164, 333, 700, 1500 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("qr-%d.png", sizes[i]);
      cairo_surface_t *surface = render (ROOM_URL, sizes[i] + 20, 1, 10, 10, sizes[i]);
      g_autofree char *text = decode (surface, name);

      g_assert_cmpstr (text, ==, ROOM_URL);
      cairo_surface_destroy (surface);
    }
}

static void
test_decode_offsets (void)
{
  /* A box at half pixels, and a HiDPI laptop's scale 2 at a quarter pixel. */
  cairo_surface_t *half = render (ROOM_URL, 260, 1, 10.5, 7.5, 240.3);
  cairo_surface_t *hidpi = render (ROOM_URL, 500, 2, 5.25, 5.25, 240);
  g_autofree char *half_text = decode (half, "qr-half.png");
  g_autofree char *hidpi_text = decode (hidpi, "qr-hidpi.png");

  g_assert_cmpstr (half_text, ==, ROOM_URL);
  g_assert_cmpstr (hidpi_text, ==, ROOM_URL);
  cairo_surface_destroy (half);
  cairo_surface_destroy (hidpi);
}

/* Every pixel of the square pure black or white, the code's modules whole
 * pixels of the same size, a white quiet zone of four modules, and each
 * module the colour staple_qr_is_dark () says. */
static void
check_crisp (double x,
             double size,
             double scale)
{
  g_autoptr(StapleQr) qr = staple_qr_new (ROOM_URL, NULL);
  int modules = staple_qr_get_modules (qr);
  int pixels = (int) ((x * 2 + size) * scale);
  cairo_surface_t *surface = render (ROOM_URL, pixels, scale, x, x, size);
  int first = (int) ceil (x * scale), last = (int) floor ((x + size) * scale) - 1;
  int left = -1, right = -1, top = -1, step;

  for (int py = first; py <= last; py++)
    for (int px = first; px <= last; px++)
      {
        guint32 pixel = pixel_at (surface, px, py);

        g_assert_true (pixel == 0 || pixel == 0xffffff);
        if (pixel == 0)
          {
            if (left < 0 || px < left)
              left = px;
            if (px > right)
              right = px;
            if (top < 0)
              top = py;
          }
      }
  /* The finder patterns fill the first and last columns of the symbol. */
  step = (right - left + 1) / (modules - 2 * STAPLE_QR_QUIET_ZONE);
  g_assert_cmpint (step, >=, 1);
  g_assert_cmpint ((right - left + 1) % (modules - 2 * STAPLE_QR_QUIET_ZONE), ==, 0);
  g_assert_cmpint (step, ==, (int) floor (size * scale / modules) / (int) scale * (int) scale);
  g_assert_cmpint (left - first, >=, STAPLE_QR_QUIET_ZONE * step);
  g_assert_cmpint (top - first, >=, STAPLE_QR_QUIET_ZONE * step);
  g_assert_cmpint (last - right, >=, STAPLE_QR_QUIET_ZONE * step);

  for (int row = 0; row < modules; row++)
    for (int column = 0; column < modules; column++)
      {
        int px = left + (column - STAPLE_QR_QUIET_ZONE) * step + step / 2;
        int py = top + (row - STAPLE_QR_QUIET_ZONE) * step + step / 2;
        gboolean dark = staple_qr_is_dark (qr, column, row);

        g_assert_cmpint (pixel_at (surface, px, py), ==, dark ? 0 : 0xffffff);
      }
  cairo_surface_destroy (surface);
}

static void
test_crisp (void)
{
  check_crisp (10, 200, 1);
  check_crisp (3, 417, 1);
  check_crisp (10, 180, 2);
}

static void
test_modules (void)
{
  g_autoptr(StapleQr) small = staple_qr_new ("http://10.0.0.2:1/", NULL);
  g_autoptr(StapleQr) room = staple_qr_new (ROOM_URL, NULL);

  /* Version 1 (21 modules) holds 14 bytes at level M; version 2, 26. */
  g_assert_cmpint (staple_qr_get_modules (small), ==, 25 + 2 * STAPLE_QR_QUIET_ZONE);
  /* 49 bytes: version 4 (62 bytes at M; version 3 holds 42). */
  g_assert_cmpint (strlen (ROOM_URL), ==, 49);
  g_assert_cmpint (staple_qr_get_modules (room), ==, 33 + 2 * STAPLE_QR_QUIET_ZONE);
  g_assert_false (staple_qr_is_dark (room, 0, 0));
  g_assert_false (staple_qr_is_dark (room, 3, 3));
  /* The top-left finder pattern's corner, right inside the quiet zone. */
  g_assert_true (staple_qr_is_dark (room, 4, 4));
  g_assert_false (staple_qr_is_dark (room, -1, 200));
}

static void
test_too_long (void)
{
  g_autofree char *most = g_strnfill (2331, 'a');
  g_autofree char *too_many = g_strnfill (2332, 'a');
  g_autofree char *far_too_many = g_strnfill (100000, 'a');
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleQr) largest = staple_qr_new (most, &error);
  StapleQr *qr;
  cairo_surface_t *surface;
  g_autofree char *text = NULL;

  /* Version 40, 177 modules, holds 2,331 bytes at level M. */
  g_assert_no_error (error);
  g_assert_cmpint (staple_qr_get_modules (largest), ==, 177 + 2 * STAPLE_QR_QUIET_ZONE);
  surface = render (most, 3 * 185 + 20, 1, 10, 10, 3 * 185);
  text = decode (surface, "qr-largest.png");
  g_assert_cmpstr (text, ==, most);
  cairo_surface_destroy (surface);

  qr = staple_qr_new (too_many, &error);
  g_assert_error (error, STAPLE_QR_ERROR, STAPLE_QR_ERROR_TOO_LONG);
  g_assert_null (qr);
  g_clear_error (&error);

  qr = staple_qr_new (far_too_many, &error);
  g_assert_error (error, STAPLE_QR_ERROR, STAPLE_QR_ERROR_TOO_LONG);
  g_assert_null (qr);
  g_clear_error (&error);

  qr = staple_qr_new ("", &error);
  g_assert_error (error, STAPLE_QR_ERROR, STAPLE_QR_ERROR_EMPTY);
  g_assert_null (qr);
}

static void
test_too_small (void)
{
  g_autoptr(StapleQr) qr = staple_qr_new (ROOM_URL, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 40);
  cairo_t *cr = cairo_create (surface);

  /* Less than a pixel a module, a zero and a negative size, a rotated
   * context: drawn as well as it can be, or not at all, but never a crash
   * nor a broken context. */
  staple_qr_draw (qr, cr, 0, 0, 20);
  staple_qr_draw (qr, cr, 0, 0, 0);
  staple_qr_draw (qr, cr, 0, 0, -5);
  cairo_rotate (cr, G_PI / 4);
  staple_qr_draw (qr, cr, 0, 0, 30);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (zbarimg == NULL)
    {
      g_printerr ("zbarimg is missing (Debian's zbar-tools, which build-aux/dev installs)\n");
      return 77;
    }
  work_dir = g_dir_make_tmp ("staple-qr-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/room/qr/decode/sizes", test_decode_sizes);
  g_test_add_func ("/room/qr/decode/offsets", test_decode_offsets);
  g_test_add_func ("/room/qr/crisp", test_crisp);
  g_test_add_func ("/room/qr/modules", test_modules);
  g_test_add_func ("/room/qr/too-long", test_too_long);
  g_test_add_func ("/room/qr/too-small", test_too_small);

  status = g_test_run ();
  /* The PNGs stay for a look when a test failed. */
  if (status == 0)
    {
      g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (work_dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (work_dir);
    }
  g_free (work_dir);
  return status;
}
