/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-svg.c: the journey map as an SVG drawing.
 *
 * Vector all the way: the same renderer as the screen, without its card
 * image cache. cairo draws text as glyph outlines, which look right
 * everywhere but cannot be searched, so the stages and friction points are
 * also written as the drawing's <title> and <desc>.
 *
 * All but colour emoji. Pango draws emoji in the "emoji" family, which
 * fontconfig gives to a colour font first (Noto Color Emoji on GNOME), and
 * cairo 1.16 can put a colour glyph into an SVG only as a PNG image of it.
 * So that those images stay sharp when the drawing is enlarged, the map is
 * drawn at GLYPH_SCALE device units to the pixel inside a viewBox that
 * brings it back to its size: the glyph images are rendered at that scale,
 * and everything else is vector anyway.
 */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "staple-export.h"
#include "staple-export-private.h"

/* Device units per map unit: a colour emoji of a 13 px card text becomes an
 * image about 64 pixels high. */
#define GLYPH_SCALE 4

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
append_escaped (GString    *svg,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (svg, escaped);
}

/* <title>: the session; <desc>: each stage with its friction points, one
 * per line, in map order. */
static char *
describe_session (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GString *svg = g_string_new ("<title>");

  append_escaped (svg, staple_session_get_title (session));
  g_string_append (svg, "</title>\n<desc>");

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      g_string_append_printf (svg, "%u. ", i + 1);
      append_escaped (svg, staple_stage_get_name (stage));
      g_string_append_c (svg, '\n');

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          g_string_append (svg, "  – ");
          append_escaped (svg, staple_friction_get_text (friction));
          g_string_append_c (svg, '\n');
        }
    }

  g_string_append (svg, "</desc>\n");
  return g_string_free (svg, FALSE);
}

/* The root element's start tag, from "<svg" to its ">". */
static gboolean
find_root (GString *svg,
           gsize   *start,
           gsize   *end)
{
  const char *root = strstr (svg->str, "<svg");
  const char *close = root != NULL ? strchr (root, '>') : NULL;

  if (close == NULL)
    return FALSE;

  *start = root - svg->str;
  *end = close - svg->str;
  return TRUE;
}

/* Replaces the value of the root element's attribute @name. */
static gboolean
set_root_attribute (GString    *svg,
                    const char *name,
                    const char *value)
{
  g_autofree char *needle = g_strdup_printf (" %s=\"", name);
  const char *found, *quote;
  gsize start, end;

  if (!find_root (svg, &start, &end))
    return FALSE;

  found = g_strstr_len (svg->str + start, (gssize) (end - start), needle);
  if (found == NULL)
    return FALSE;

  found += strlen (needle);
  quote = strchr (found, '"');
  if (quote == NULL || (gsize) (quote - svg->str) > end)
    return FALSE;

  g_string_erase (svg, found - svg->str, quote - found);
  g_string_insert (svg, found - svg->str, value);
  return TRUE;
}

/* cairo wrote a document GLYPH_SCALE times the map's size, viewBox and
 * all: the width and height go back to the map's, the viewBox stays. Then
 * @metadata goes just inside the root element, where SVG wants <title>. */
static gboolean
finish_document (GString    *svg,
                 double      width,
                 double      height,
                 const char *metadata)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *width_px = g_strconcat (g_ascii_dtostr (number, sizeof number, width), "px",
                                           NULL);
  g_autofree char *height_px = g_strconcat (g_ascii_dtostr (number, sizeof number, height), "px",
                                            NULL);
  gsize start, end;

  if (!set_root_attribute (svg, "width", width_px) ||
      !set_root_attribute (svg, "height", height_px) ||
      !find_root (svg, &start, &end))
    return FALSE;

  g_string_insert (svg, end + 1, metadata);
  g_string_insert_c (svg, end + 1, '\n');
  return TRUE;
}

/**
 * staple_export_map_svg:
 * @session: the session whose map to draw
 * @path: the SVG file to write; replaced only once it is complete
 *
 * Draws the whole journey map, light palette, as an SVG drawing the size of
 * the map (one map unit is one CSS pixel). The stages and friction points are
 * also in the drawing's title and description, so that the text can be
 * found. Everything is vector except colour emoji, which cairo can only
 * embed as images; they are rendered at four times the map's scale.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
staple_export_map_svg (StapleSession  *session,
                       const char     *path,
                       GError        **error)
{
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *metadata = NULL;
  StapleMapRenderOptions options;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  staple_map_layout_set_session (layout, session);
  width = ceil (staple_map_layout_get_width (layout));
  height = ceil (staple_map_layout_get_height (layout));

  /* cairo keeps the whole drawing until it is finished anyway, so the
   * document is gathered in memory and written to disk in one go. */
  surface = cairo_svg_surface_create_for_stream (append_cb, svg,
                                                 GLYPH_SCALE * width, GLYPH_SCALE * height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cairo_surface_set_device_scale (surface, GLYPH_SCALE, GLYPH_SCALE);

  cr = cairo_create (surface);
  staple_map_render_options_init (&options);
  options.print = FALSE;
  options.cache_cards = FALSE;
  staple_map_render (layout, cr, &options);
  cairo_destroy (cr);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  metadata = describe_session (session);
  if (status != CAIRO_STATUS_SUCCESS || !finish_document (svg, width, height, metadata))
    {
      staple_export_set_write_error (error, path, 0,
                                     status != CAIRO_STATUS_SUCCESS
                                     ? cairo_status_to_string (status)
                                     : _("cairo made no SVG document"));
      return FALSE;
    }

  return staple_export_write_bytes (path, svg->str, svg->len, error);
}
