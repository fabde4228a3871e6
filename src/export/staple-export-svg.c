/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-svg.c: the journey map as an SVG drawing.
 *
 * Vector all the way: the same renderer as the screen, without its card
 * image cache. cairo draws text as glyph outlines, which look right
 * everywhere but cannot be searched, so the stages and friction points are
 * also written as the drawing's <title> and <desc>.
 */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "staple-export.h"
#include "staple-export-private.h"

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

/* Puts @metadata just inside the root element, where SVG wants <title>. */
static gboolean
insert_metadata (GString    *svg,
                 const char *metadata)
{
  const char *root = strstr (svg->str, "<svg");
  const char *end = root != NULL ? strchr (root, '>') : NULL;
  gssize at;

  if (end == NULL)
    return FALSE;

  at = end - svg->str + 1;
  g_string_insert (svg, at, metadata);
  g_string_insert_c (svg, at, '\n');
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
 * found.
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

  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  staple_map_layout_set_session (layout, session);

  /* cairo keeps the whole drawing until it is finished anyway, so the
   * document is gathered in memory and written to disk in one go. */
  surface = cairo_svg_surface_create_for_stream (append_cb, svg,
                                                 ceil (staple_map_layout_get_width (layout)),
                                                 ceil (staple_map_layout_get_height (layout)));
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);

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
  if (status != CAIRO_STATUS_SUCCESS || !insert_metadata (svg, metadata))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                  : _("cairo made no SVG document"));
      return FALSE;
    }

  return staple_export_write_bytes (path, svg->str, svg->len, error);
}
