/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-walk.c: walk sheets, blank forms to fill in by hand
 * while walking the work, a page a stage.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "staple-report-internal.h"
#include "staple-text.h"

/* Walk sheets: blank forms to fill in by hand while walking the work. */

/* "Label ________", the line running to @width. */
static void
write_in (StapleReport *self,
          const char   *label,
          double        x,
          double        y,
          double        width)
{
  PangoLayout *layout = _staple_report_make_text (self, label, SIZE_BODY, PANGO_WEIGHT_BOLD,
                                                  width * 0.6, -1);
  double label_width = _staple_report_text_width (layout);
  double base = y + _staple_report_text_height (layout);

  _staple_report_add_text (self, layout, x, y, INK);
  _staple_report_add_line (self, x + label_width + 6, base, x + width, base, 0.6, INK);
}

static double
tick_box (StapleReport *self,
          const char   *label,
          double        x,
          double        y)
{
  PangoLayout *layout = _staple_report_make_text (self, label, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                                  0, 0);
  double height = _staple_report_text_height (layout);
  double side = 9;

  _staple_report_add_rect (self, x, y + (height - side) / 2, side, side, -1, 0.8);
  _staple_report_add_text (self, layout, x + side + 4, y, INK);
  return x + side + 4 + _staple_report_text_width (layout) + 14;
}

/* "Channel ☐ Phone ☐ Web …", wrapping under itself if the page is narrow;
 * returns the height taken. */
static double
channel_boxes (StapleReport *self,
               double        y)
{
  PangoLayout *layout = _staple_report_make_text (self, _("Channel"), SIZE_BODY, PANGO_WEIGHT_BOLD,
                                                  0, 0);
  double start = self->left + _staple_report_text_width (layout) + 12;
  double x = start;
  double line = _staple_report_text_height (layout) + 8;
  double height = line;

  _staple_report_add_text (self, layout, self->left, y, INK);
  for (guint channel = STAPLE_CHANNEL_PHONE; channel <= STAPLE_CHANNEL_INTERNAL; channel++)
    {
      const char *label = staple_channel_get_label (channel);
      PangoLayout *probe = _staple_report_make_text (self, label, SIZE_BODY,
                                                     PANGO_WEIGHT_NORMAL, 0, 0);
      double needed = 13 + _staple_report_text_width (probe);

      g_object_unref (probe);
      if (x > start && x + needed > self->right)
        {
          x = start;
          y += line;
          height += line;
        }
      x = tick_box (self, label, x, y);
    }

  return height;
}

/* A label and five circles, −2 to +2, fitted into @width. */
static void
feeling_scale (StapleReport *self,
               const char   *label,
               double        x,
               double        y,
               double        width)
{
  static const char * const values[] = { "−2", "−1", "0", "+1", "+2" };
  PangoLayout *layout = _staple_report_make_text (self, label, SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  double radius = 7;
  double start = x + MAX (_staple_report_text_width (layout) + 12, 84);
  double step = CLAMP ((x + width - start - 2 * radius - 14) / 4, 2 * radius + 14, 40);

  _staple_report_add_text (self, layout, x, y, INK);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double cx = start + radius + i * step;
      PangoLayout *value = _staple_report_make_text (self, values[i], SIZE_SMALL,
                                                     PANGO_WEIGHT_NORMAL, 0, 0);

      _staple_report_add_circle (self, cx, y + radius, radius);
      _staple_report_add_text (self, value, cx + radius + 3,
                               y + radius - _staple_report_text_height (value) / 2, DIM);
    }
}

static void
add_walk_sheet (StapleReport *self,
                StapleStage  *stage,
                guint         number,
                guint         n_sheets)
{
  double width = _staple_report_body_width (self);
  double half = (width - 24) / 2;
  double quarter = (half - 24) / 2;
  double second = self->left + half + 24;
  double row = 30;
  double lines_top, notes_top, line_gap = 22;
  guint n_lines;
  g_autofree char *heading = g_strdup_printf (_("Walk sheet %u of %u"), number, n_sheets);
  g_autoptr(GString) kinds = g_string_new (_("Kinds:"));
  PangoLayout *layout;

  _staple_report_new_page (self, number == 1 ? _("Walk sheets") : NULL, FALSE);
  _staple_report_flow_text (self, heading, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);

  if (stage != NULL && !_staple_report_is_empty (staple_stage_get_name (stage)))
    _staple_report_flow_text (self, staple_stage_get_name (stage), SIZE_HEADING,
                              PANGO_WEIGHT_BOLD, 0, 2, INK);
  else
    {
      self->y += 8;
      write_in (self, _("Stage"), self->left, self->y, width);
      self->y += row;
    }

  if (stage != NULL && !_staple_report_is_empty (staple_stage_get_team (stage)))
    {
      g_autofree char *name = staple_text_isolate (staple_stage_get_team (stage));
      g_autofree char *team = g_strdup_printf (_("Team: %s"), name);

      _staple_report_flow_text (self, team, SIZE_SUBHEADING, PANGO_WEIGHT_NORMAL, 0, 2, INK);
    }
  else
    {
      self->y += 8;
      write_in (self, _("Team"), self->left, self->y, half);
      self->y += row - 8;
    }

  self->y += 8;
  _staple_report_add_line (self, self->left, self->y, self->right, self->y, 1.0, INK);
  self->y += 14;

  write_in (self, _("Owner"), self->left, self->y, half);
  write_in (self, _("Work time"), second, self->y, quarter);
  write_in (self, _("Waiting time"), second + quarter + 24, self->y, quarter);
  self->y += row;

  self->y += channel_boxes (self, self->y) + row - 20;

  write_in (self, _("Handed on to (team)"), self->left, self->y, half);
  tick_box (self, _("Dropped or misrouted"), second, self->y);
  self->y += row;

  feeling_scale (self, _("Customer feels"), self->left, self->y, half);
  feeling_scale (self, _("Staff feel"), second, self->y, half);
  self->y += row + 6;

  layout = _staple_report_make_text (self, _("Friction seen"), SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  _staple_report_add_text (self, layout, self->left, self->y, INK);
  for (guint kind = STAPLE_FRICTION_KIND_POLICY;
       kind <= STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS; kind++)
    {
      g_autofree char *text = _staple_report_kind_text (kind);

      g_string_append_printf (kinds, kind == 0 ? " %s" : " · %s", text);
    }
  self->y += _staple_report_text_height (layout) + 2;
  layout = _staple_report_make_text (self, kinds->str, SIZE_SMALL, PANGO_WEIGHT_NORMAL, width, -2);
  _staple_report_add_text (self, layout, self->left, self->y, DIM);
  lines_top = self->y + _staple_report_text_height (layout);

  /* The ruled lines take three fifths of what is left, the notes the rest. */
  notes_top = lines_top + (self->bottom - lines_top) * 0.6;
  n_lines = (guint) MAX ((notes_top - lines_top) / line_gap, 3);
  for (guint i = 1; i <= n_lines; i++)
    _staple_report_add_line (self, self->left, lines_top + i * line_gap, self->right,
                             lines_top + i * line_gap,
                             0.5, RULE);
  notes_top = MAX (notes_top, lines_top + n_lines * line_gap + 10);

  layout = _staple_report_make_text (self, _("Notes"), SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  _staple_report_add_text (self, layout, self->left, notes_top, INK);
  notes_top += _staple_report_text_height (layout) + 4;
  if (self->bottom - 2 - notes_top > 20)
    _staple_report_add_rect (self, self->left, notes_top, width, self->bottom - 2 - notes_top,
                             -1, 0.6);
  self->y = self->bottom;
}

void
_staple_report_add_walk_sheets (StapleReport *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  guint n = g_list_model_get_n_items (stages);

  if (n == 0)
    {
      for (guint i = 1; i <= 8; i++)
        add_walk_sheet (self, NULL, i, 8);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      add_walk_sheet (self, stage, i + 1, n);
    }
}
