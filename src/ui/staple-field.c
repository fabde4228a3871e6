/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-field.c: keeps an input widget and one model property in step.
 *
 * What the user changes is sent on as an edit; what the model changes (undo,
 * redo, a script) is shown without being sent back.
 */
#define G_LOG_DOMAIN "staple-field"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "staple-field.h"
#include "staple-model.h"
#include "staple-text.h"
#include "staple-window.h"

/* An entry's own buffer holds at most 65,535 bytes and cuts a longer paste
 * short without a word. This one holds any length, so that what is pasted
 * is what is saved. */
#define STAPLE_TYPE_LONG_BUFFER (staple_long_buffer_get_type ())
G_DECLARE_FINAL_TYPE (StapleLongBuffer, staple_long_buffer, STAPLE, LONG_BUFFER, GtkEntryBuffer)

struct _StapleLongBuffer
{
  GtkEntryBuffer  parent_instance;
  GString        *text;
  guint           n_chars;
};

G_DEFINE_FINAL_TYPE (StapleLongBuffer, staple_long_buffer, GTK_TYPE_ENTRY_BUFFER)

static const char *
long_buffer_get_text (GtkEntryBuffer *buffer,
                      gsize          *n_bytes)
{
  StapleLongBuffer *self = STAPLE_LONG_BUFFER (buffer);

  if (n_bytes != NULL)
    *n_bytes = self->text->len;
  return self->text->str;
}

static guint
long_buffer_get_length (GtkEntryBuffer *buffer)
{
  return STAPLE_LONG_BUFFER (buffer)->n_chars;
}

static guint
long_buffer_insert_text (GtkEntryBuffer *buffer,
                         guint           position,
                         const char     *chars,
                         guint           n_chars)
{
  StapleLongBuffer *self = STAPLE_LONG_BUFFER (buffer);
  gsize at;
  gsize n_bytes = g_utf8_offset_to_pointer (chars, n_chars) - chars;

  position = MIN (position, self->n_chars);
  at = g_utf8_offset_to_pointer (self->text->str, position) - self->text->str;
  g_string_insert_len (self->text, (gssize) at, chars, (gssize) n_bytes);
  self->n_chars += n_chars;
  gtk_entry_buffer_emit_inserted_text (buffer, position, chars, n_chars);
  return n_chars;
}

static void
long_buffer_inserted_text (GtkEntryBuffer *buffer,
                           guint           position,
                           const char     *chars,
                           guint           n_chars)
{
  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

/* As GTK's own buffer does: the text goes in the signal's default handler,
 * so that handlers run first still see it. */
static guint
long_buffer_delete_text (GtkEntryBuffer *buffer,
                         guint           position,
                         guint           n_chars)
{
  StapleLongBuffer *self = STAPLE_LONG_BUFFER (buffer);

  position = MIN (position, self->n_chars);
  n_chars = MIN (n_chars, self->n_chars - position);
  gtk_entry_buffer_emit_deleted_text (buffer, position, n_chars);
  return n_chars;
}

static void
long_buffer_deleted_text (GtkEntryBuffer *buffer,
                          guint           position,
                          guint           n_chars)
{
  StapleLongBuffer *self = STAPLE_LONG_BUFFER (buffer);
  const char *start, *end;

  position = MIN (position, self->n_chars);
  n_chars = MIN (n_chars, self->n_chars - position);
  start = g_utf8_offset_to_pointer (self->text->str, position);
  end = g_utf8_offset_to_pointer (start, n_chars);
  g_string_erase (self->text, start - self->text->str, end - start);
  self->n_chars -= n_chars;

  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
staple_long_buffer_finalize (GObject *object)
{
  StapleLongBuffer *self = STAPLE_LONG_BUFFER (object);

  /* What was typed may be private: leave nothing of it in freed memory. */
  memset (self->text->str, 0, self->text->allocated_len);
  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (staple_long_buffer_parent_class)->finalize (object);
}

static void
staple_long_buffer_class_init (StapleLongBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkEntryBufferClass *buffer_class = GTK_ENTRY_BUFFER_CLASS (klass);

  object_class->finalize = staple_long_buffer_finalize;
  buffer_class->get_text = long_buffer_get_text;
  buffer_class->get_length = long_buffer_get_length;
  buffer_class->insert_text = long_buffer_insert_text;
  buffer_class->delete_text = long_buffer_delete_text;
  buffer_class->inserted_text = long_buffer_inserted_text;
  buffer_class->deleted_text = long_buffer_deleted_text;
}

static void
staple_long_buffer_init (StapleLongBuffer *self)
{
  self->text = g_string_new (NULL);
}

/**
 * staple_field_hold_any_length:
 * @editable: a #GtkEntry, #AdwEntryRow, #GtkText or another editable that
 *   delegates to a #GtkText
 *
 * Gives @editable a buffer without the 65,535-byte limit of GTK's own, so
 * that a long paste is kept whole; staple_field_bind_editable() does this
 * itself.
 */
void
staple_field_hold_any_length (GtkEditable *editable)
{
  GtkEditable *delegate = editable;
  g_autoptr(GtkEntryBuffer) buffer = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  while (gtk_editable_get_delegate (delegate) != NULL)
    delegate = gtk_editable_get_delegate (delegate);

  if (!GTK_IS_TEXT (delegate) || STAPLE_IS_LONG_BUFFER (gtk_text_get_buffer (GTK_TEXT (delegate))))
    return;

  buffer = g_object_new (STAPLE_TYPE_LONG_BUFFER, NULL);
  gtk_entry_buffer_set_text (buffer, gtk_editable_get_text (editable), -1);
  gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
}

static void editable_sync (GtkEditable *editable);
static void duration_sync (GtkEditable *editable);
static void duration_commit (GtkEditable *editable);
static void spin_sync (GtkSpinButton *spin);
static void check_sync (GtkCheckButton *check);
static void dropdown_sync (GtkWidget *dropdown);

typedef enum
{
  PARSE_NONE,
  PARSE_DURATION,  /* minutes, in an integer property */
  PARSE_DATE,      /* YYYY-MM-DD or "", in a string property */
} FieldParse;

typedef struct
{
  GObject         *object; /* weak: the widget lives no longer than its row */
  const char      *property;
  gboolean         required;
  gboolean         syncing;
  FieldParse       parse;    /* a duration or a date, read from what is typed */
  gboolean         edited;   /* typed but not yet read */
  GtkWidget       *message;  /* weak: where a refusal is said */
  StapleFieldSend  send;
  gpointer         user_data;
} Field;

/* Shows in @widget what the model holds whenever that changes. */
static void
connect_model (GtkWidget  *widget,
               GObject    *object,
               const char *property)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  GCallback sync;

  /* A spin button is editable too, so it is asked about first. */
  if (g_object_get_data (G_OBJECT (widget), "staple-field-parsed") != NULL)
    sync = G_CALLBACK (duration_sync);
  else if (GTK_IS_SPIN_BUTTON (widget))
    sync = G_CALLBACK (spin_sync);
  else if (GTK_IS_EDITABLE (widget))
    sync = G_CALLBACK (editable_sync);
  else if (GTK_IS_CHECK_BUTTON (widget))
    sync = G_CALLBACK (check_sync);
  else
    sync = G_CALLBACK (dropdown_sync);

  g_signal_connect_object (object, signal, sync, widget, G_CONNECT_SWAPPED);
}

static void
field_free (gpointer data)
{
  Field *field = data;

  g_clear_weak_pointer (&field->object);
  g_clear_weak_pointer (&field->message);
  g_free (field);
}

/* Returns FALSE if the widget was already bound (to another object, say the
 * previous session), in which case its signal handlers are already there. */
static gboolean
field_new (GtkWidget       *widget,
           GObject         *object,
           const char      *property,
           StapleFieldSend  send,
           gpointer         user_data)
{
  Field *field = g_object_get_data (G_OBJECT (widget), "staple-field");
  gboolean is_new = field == NULL;

  if (is_new)
    {
      field = g_new0 (Field, 1);
      g_object_set_data_full (G_OBJECT (widget), "staple-field", field, field_free);
    }

  g_set_weak_pointer (&field->object, object);
  field->property = g_intern_string (property);
  field->send = send;
  field->user_data = user_data;
  connect_model (widget, object, property);

  return is_new;
}

static Field *
get_field (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "staple-field");
}

static void
break_merge (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (STAPLE_IS_WINDOW (root) && staple_window_get_editor (STAPLE_WINDOW (root)) != NULL)
    staple_editor_break_merge (staple_window_get_editor (STAPLE_WINDOW (root)));
}


/* Text */

static void
editable_sync (GtkEditable *editable)
{
  Field *field = get_field (editable);
  g_autofree char *text = NULL;

  if (field->object == NULL)
    return;

  g_object_get (field->object, field->property, &text, NULL);
  if (g_strcmp0 (text, gtk_editable_get_text (editable)) != 0)
    {
      field->syncing = TRUE;
      gtk_editable_set_text (editable, text != NULL ? text : "");
      field->syncing = FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
editable_changed_cb (GtkEditable *editable)
{
  Field *field = get_field (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (field->syncing || field->object == NULL)
    return;

  /* A required field left empty is shown as wrong and not saved; leaving
   * the field puts the saved text back. */
  if (field->required && *stripped == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  field->send (GTK_WIDGET (editable), field->property,
               g_variant_new_string (gtk_editable_get_text (editable)), field->user_data);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Field *field = get_field (widget);

  if (field != NULL && field->parse != PARSE_NONE)
    duration_commit (GTK_EDITABLE (widget));
  else if (GTK_IS_EDITABLE (widget) && !GTK_IS_SPIN_BUTTON (widget))
    editable_sync (GTK_EDITABLE (widget));
  break_merge (widget);
}

static void
watch_focus (GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), NULL);
  gtk_widget_add_controller (widget, focus);
}

/**
 * staple_field_bind_editable:
 * @required: whether an empty text is refused (titles, names)
 *
 * Shows a string property in @editable and sends every change the user makes.
 */
void
staple_field_bind_editable (GtkEditable     *editable,
                            GObject         *object,
                            const char      *property,
                            gboolean         required,
                            StapleFieldSend  send,
                            gpointer         user_data)
{
  gboolean is_new;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (G_IS_OBJECT (object));

  staple_field_hold_any_length (editable);
  is_new = field_new (GTK_WIDGET (editable), object, property, send, user_data);
  get_field (editable)->required = required;
  editable_sync (editable);

  if (is_new)
    {
      g_signal_connect (editable, "changed", G_CALLBACK (editable_changed_cb), NULL);
      watch_focus (GTK_WIDGET (editable));
    }
}

/* Durations: typed as people say them ("9h", "2d 4h", "1:30"), read when
 * the user presses Enter or leaves the field, and shown the way the map
 * shows them ("9 h"). Text that is no time stays as typed, marked, with
 * the reason beside it, until it is put right or Escape puts the saved
 * time back. */

static void
duration_say (GtkEditable *editable,
              const char  *message)
{
  Field *field = get_field (editable);
  GtkWidget *widget = GTK_WIDGET (editable);

  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (editable),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (editable),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (message != NULL)
    gtk_widget_set_tooltip_text (widget, message);
  else if (field->parse == PARSE_DURATION)
    gtk_widget_set_tooltip_text (widget, staple_duration_hint ());
  else
    {
      g_autofree char *example = staple_action_format_due ("2026-12-31", NULL);
      /* Translators: a date field's tooltip; %s is 2026-12-31 as the locale writes it */
      g_autofree char *hint = g_strdup_printf (_("A date, such as %s or 2026-12-31"), example);

      gtk_widget_set_tooltip_text (widget, hint);
    }

  if (GTK_IS_LABEL (field->message))
    {
      gtk_label_set_text (GTK_LABEL (field->message), message != NULL ? message : "");
      gtk_widget_set_visible (field->message, message != NULL);
    }
  else if (ADW_IS_ACTION_ROW (field->message))
    {
      g_autofree char *escaped = g_markup_escape_text (message != NULL ? message : "", -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (field->message), escaped);
    }

  else if (field->message == NULL && message != NULL &&
           STAPLE_IS_WINDOW (gtk_widget_get_root (widget)))
    /* No place of its own to say it: the window says it. */
    staple_window_show_toast (STAPLE_WINDOW (gtk_widget_get_root (widget)), message);

  if (field->message != NULL && message != NULL)
    gtk_widget_add_css_class (field->message, "error");
  else if (field->message != NULL)
    gtk_widget_remove_css_class (field->message, "error");
}

static void
duration_sync (GtkEditable *editable)
{
  Field *field = get_field (editable);
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  int value = 0;

  /* What the user is typing, or typed and was refused, is theirs: only a
   * time or a date read from it replaces it. */
  if (field->object == NULL || field->edited)
    return;

  if (field->parse == PARSE_DATE)
    {
      g_object_get (field->object, field->property, &date, NULL);
      text = staple_action_format_due (date != NULL ? date : "", NULL);
    }
  else
    {
      g_object_get (field->object, field->property, &value, NULL);
      text = staple_duration_format ((guint) MAX (value, 0));
    }
  if (g_strcmp0 (text, gtk_editable_get_text (editable)) != 0)
    {
      field->syncing = TRUE;
      gtk_editable_set_text (editable, text);
      field->syncing = FALSE;
    }
  duration_say (editable, NULL);
}

static void
duration_commit (GtkEditable *editable)
{
  /* Kept alive through a send that rebuilds the page it is on. */
  g_autoptr(GtkEditable) hold = g_object_ref (editable);
  Field *field = get_field (editable);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *saved = NULL;
  guint minutes = 0;
  int value = 0;
  gboolean read;

  (void) hold;

  if (field->object == NULL || !field->edited)
    return;

  read = field->parse == PARSE_DATE
         ? staple_action_parse_due (gtk_editable_get_text (editable), NULL, &date, &error)
         : staple_duration_parse (gtk_editable_get_text (editable), &minutes, &error);
  if (!read)
    {
      /* Said where it happened, and logged as the window logs what it says. */
      g_message ("%s", error->message);
      duration_say (editable, error->message);
      return;
    }

  field->edited = FALSE;
  if (field->parse == PARSE_DATE)
    {
      g_object_get (field->object, field->property, &saved, NULL);
      if (g_strcmp0 (date, saved != NULL ? saved : "") != 0)
        field->send (GTK_WIDGET (editable), field->property, g_variant_new_string (date),
                     field->user_data);
    }
  else
    {
      g_object_get (field->object, field->property, &value, NULL);
      if ((int) minutes != value)
        field->send (GTK_WIDGET (editable), field->property,
                     g_variant_new_int32 ((gint32) minutes), field->user_data);
    }

  /* The time as the map shows it, or what the model kept if it refused. */
  duration_sync (editable);
}

static void
duration_changed_cb (GtkEditable *editable)
{
  Field *field = get_field (editable);

  if (!field->syncing)
    field->edited = TRUE;
}

static void
duration_activate_cb (GtkEditable *editable)
{
  duration_commit (editable);
  break_merge (GTK_WIDGET (editable));
}

static gboolean
duration_key_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEditable           *editable)
{
  Field *field = get_field (editable);

  if (keyval != GDK_KEY_Escape || !field->edited)
    return GDK_EVENT_PROPAGATE;

  /* Escape gives up what was typed, and shows the saved time again. */
  field->edited = FALSE;
  duration_sync (editable);
  return GDK_EVENT_STOP;
}

/* Taken off the screen with a text that was refused (another stage
 * selected, say): the words go, but not without a word. */
static void
parsed_unmap_cb (GtkEditable *editable)
{
  Field *field = get_field (editable);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (editable));
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  if (field == NULL || !field->edited || !STAPLE_IS_WINDOW (root))
    return;

  shown = staple_text_bound (gtk_editable_get_text (editable), STAPLE_TEXT_SHORT,
                             STAPLE_TEXT_BOUND_ONE_LINE);
  message = field->parse == PARSE_DATE
            /* Translators: %s is what was typed in a date field and refused */
            ? g_strdup_printf (_("“%s” was not saved: it is not a date."), shown)
            /* Translators: %s is what was typed in a time field and refused */
            : g_strdup_printf (_("“%s” was not saved: it is not a time."), shown);
  g_message ("%s", message);
  staple_window_show_toast (STAPLE_WINDOW (root), message);
}

static void
bind_parsed (GtkEditable     *editable,
             GtkWidget       *message,
             GObject         *object,
             const char      *property,
             FieldParse       parse,
             StapleFieldSend  send,
             gpointer         user_data)
{
  GtkEditable *delegate = editable;
  Field *field;

  /* A paste gone wrong is refused whole, not cut at 65,535 bytes first. */
  staple_field_hold_any_length (editable);
  g_object_set_data (G_OBJECT (editable), "staple-field-parsed", GINT_TO_POINTER (TRUE));
  if (field_new (GTK_WIDGET (editable), object, property, send, user_data))
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      while (gtk_editable_get_delegate (delegate) != NULL)
        delegate = gtk_editable_get_delegate (delegate);

      g_signal_connect (editable, "changed", G_CALLBACK (duration_changed_cb), NULL);
      g_signal_connect_object (delegate, "activate", G_CALLBACK (duration_activate_cb), editable,
                               G_CONNECT_SWAPPED);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (duration_key_cb), editable);
      gtk_widget_add_controller (GTK_WIDGET (editable), keys);
      g_signal_connect (editable, "unmap", G_CALLBACK (parsed_unmap_cb), NULL);
      watch_focus (GTK_WIDGET (editable));
    }

  field = get_field (editable);
  field->parse = parse;
  field->edited = FALSE;
  g_set_weak_pointer (&field->message, message);
  duration_sync (editable);
}

/**
 * staple_field_bind_duration:
 * @editable: a #GtkEntry or another editable that delegates to a #GtkText
 * @message: (nullable): where to say why a text is refused: a #GtkLabel
 *   (shown only then) or an #AdwActionRow (its subtitle)
 * @object: the model object
 * @property: an integer property of @object holding minutes
 *
 * Shows a duration in @editable as the map shows it ("9 h") and sends what
 * the user types ("9h", "2d 4h", "90 min", "1:30", "45") as minutes when
 * they press Enter or leave the field. Text that is no time is kept, marked
 * as an error, with the reason in @message; nothing is sent.
 */
void
staple_field_bind_duration (GtkEditable     *editable,
                            GtkWidget       *message,
                            GObject         *object,
                            const char      *property,
                            StapleFieldSend  send,
                            gpointer         user_data)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (message == NULL || GTK_IS_WIDGET (message));
  g_return_if_fail (G_IS_OBJECT (object));

  bind_parsed (editable, message, object, property, PARSE_DURATION, send, user_data);
}

/**
 * staple_field_bind_date:
 * @editable: a #GtkEntry or another editable that delegates to a #GtkText
 * @message: (nullable): where to say why a text is refused, as for
 *   staple_field_bind_duration()
 * @object: the model object
 * @property: a string property of @object holding a date, YYYY-MM-DD or ""
 *
 * Shows a date in @editable as the user's locale writes it and sends what
 * they type (that form, or YYYY-MM-DD) as YYYY-MM-DD when they press Enter
 * or leave the field; an empty field is no date. Text that is no date
 * ("tomorrow", "2026-02-30") is kept, marked as an error, with the reason in
 * @message; nothing is sent, so a session never holds a date its own
 * exports would refuse.
 */
void
staple_field_bind_date (GtkEditable     *editable,
                        GtkWidget       *message,
                        GObject         *object,
                        const char      *property,
                        StapleFieldSend  send,
                        gpointer         user_data)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (message == NULL || GTK_IS_WIDGET (message));
  g_return_if_fail (G_IS_OBJECT (object));

  bind_parsed (editable, message, object, property, PARSE_DATE, send, user_data);
}

/* Numbers */

static void
spin_sync (GtkSpinButton *spin)
{
  Field *field = get_field (spin);
  int value = 0;

  if (field->object == NULL)
    return;

  g_object_get (field->object, field->property, &value, NULL);
  if (value != gtk_spin_button_get_value_as_int (spin))
    {
      field->syncing = TRUE;
      gtk_spin_button_set_value (spin, value);
      field->syncing = FALSE;
    }
}

static void
spin_changed_cb (GtkSpinButton *spin)
{
  Field *field = get_field (spin);

  if (!field->syncing && field->object != NULL)
    field->send (GTK_WIDGET (spin), field->property,
                 g_variant_new_int32 (gtk_spin_button_get_value_as_int (spin)),
                 field->user_data);
}

/**
 * staple_field_bind_spin:
 *
 * Shows an integer property in @spin and sends every change the user makes.
 */
void
staple_field_bind_spin (GtkSpinButton   *spin,
                        GObject         *object,
                        const char      *property,
                        StapleFieldSend  send,
                        gpointer         user_data)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  g_return_if_fail (G_IS_OBJECT (object));

  if (field_new (GTK_WIDGET (spin), object, property, send, user_data))
    {
      g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed_cb), NULL);
      watch_focus (GTK_WIDGET (spin));
    }
  spin_sync (spin);
}

/* Yes or no */

static void
check_sync (GtkCheckButton *check)
{
  Field *field = get_field (check);
  gboolean value = FALSE;

  if (field->object == NULL)
    return;

  g_object_get (field->object, field->property, &value, NULL);
  if (value != gtk_check_button_get_active (check))
    {
      field->syncing = TRUE;
      gtk_check_button_set_active (check, value);
      field->syncing = FALSE;
    }
}

static void
check_toggled_cb (GtkCheckButton *check)
{
  Field *field = get_field (check);

  if (!field->syncing && field->object != NULL)
    field->send (GTK_WIDGET (check), field->property,
                 g_variant_new_boolean (gtk_check_button_get_active (check)),
                 field->user_data);
}

/**
 * staple_field_bind_check:
 *
 * Shows a boolean property in @check and sends every change the user makes.
 */
void
staple_field_bind_check (GtkCheckButton  *check,
                         GObject         *object,
                         const char      *property,
                         StapleFieldSend  send,
                         gpointer         user_data)
{
  g_return_if_fail (GTK_IS_CHECK_BUTTON (check));
  g_return_if_fail (G_IS_OBJECT (object));

  if (field_new (GTK_WIDGET (check), object, property, send, user_data))
    g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), NULL);
  check_sync (check);
}

/* Enumerations: the dropdown's items are the enum's values in order. */

static const char *
enum_label (GType type,
            int   value)
{
  if (type == STAPLE_TYPE_CHANNEL)
    return staple_channel_get_label (value);
  if (type == STAPLE_TYPE_FRICTION_KIND)
    return staple_friction_kind_get_label (value);
  if (type == STAPLE_TYPE_PRINCIPLE)
    return staple_principle_get_label (value);
  if (type == STAPLE_TYPE_ACTION_STATUS)
    return staple_action_status_get_label (value);

  g_return_val_if_reached (NULL);
}

/**
 * staple_field_enum_dropdown_new:
 * @enum_type: one of the model's enumerations
 *
 * Returns: (transfer floating): a dropdown listing the enumeration's labels
 */
GtkDropDown *
staple_field_enum_dropdown_new (GType enum_type)
{
  return GTK_DROP_DOWN (gtk_drop_down_new (staple_field_enum_labels (enum_type), NULL));
}

/* A GtkDropDown or an AdwComboRow: both have a "selected" position. */
static guint
get_selected (GtkWidget *dropdown)
{
  guint selected = 0;

  g_object_get (dropdown, "selected", &selected, NULL);
  return selected;
}

static void
dropdown_sync (GtkWidget *dropdown)
{
  Field *field = get_field (dropdown);
  int value = 0;

  if (field->object == NULL)
    return;

  g_object_get (field->object, field->property, &value, NULL);
  if ((guint) value != get_selected (dropdown))
    {
      field->syncing = TRUE;
      g_object_set (dropdown, "selected", (guint) value, NULL);
      field->syncing = FALSE;
    }
}

static void
dropdown_changed_cb (GtkWidget *dropdown)
{
  Field *field = get_field (dropdown);
  GParamSpec *pspec;
  const char *nick;

  if (field->syncing || field->object == NULL)
    return;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (field->object), field->property);
  nick = staple_enum_to_nick (pspec->value_type, (int) get_selected (dropdown));
  if (nick != NULL)
    field->send (GTK_WIDGET (dropdown), field->property, g_variant_new_string (nick),
                 field->user_data);
}

/**
 * staple_field_enum_labels:
 * @enum_type: one of the model's enumerations
 *
 * Returns: (transfer full): the enumeration's labels, in the order of its
 *   values, for a dropdown or a combo row
 */
GListModel *
staple_field_enum_labels (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (labels, enum_label (enum_type, klass->values[i].value));

  return G_LIST_MODEL (labels);
}

/**
 * staple_field_bind_dropdown:
 * @dropdown: a #GtkDropDown or #AdwComboRow listing the labels of the
 *   property's enumeration (see staple_field_enum_labels())
 *
 * Shows an enumeration property in @dropdown and sends every change the user
 * makes.
 */
void
staple_field_bind_dropdown (GtkWidget       *dropdown,
                            GObject         *object,
                            const char      *property,
                            StapleFieldSend  send,
                            gpointer         user_data)
{
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (dropdown), "selected"));
  g_return_if_fail (G_IS_OBJECT (object));

  if (field_new (dropdown, object, property, send, user_data))
    g_signal_connect (dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), NULL);
  dropdown_sync (dropdown);
}

static gboolean
bound_tooltip (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_take_string (to, staple_text_bound (g_value_get_string (from), STAPLE_TEXT_LONG,
                                              STAPLE_TEXT_BOUND_NONE));
  return TRUE;
}

/**
 * staple_field_bind_tooltip:
 * @widget: a widget, e.g. an entry too narrow for its text
 * @object: the model object
 * @property: a string property of @object
 *
 * Shows the text of @property as @widget's tooltip, always, and no more of
 * it than a tooltip can hold: a tooltip is laid out whole.
 */
void
staple_field_bind_tooltip (GtkWidget  *widget,
                           GObject    *object,
                           const char *property)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_OBJECT (object));

  g_object_bind_property_full (object, property, widget, "tooltip-text", G_BINDING_SYNC_CREATE,
                               bound_tooltip, NULL, NULL, NULL);
}
