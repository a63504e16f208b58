"""How a reminder reaches a person. The reminder logic builds a `Message` and hands it to each
channel named in `REMINDER_CHANNELS`; it never knows how the channel delivers it. E-mail is the
one channel today; an SMS or Zalo OA channel is a new subclass and a line in the setting."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Message:
    subject: str
    text: str  # plain text, in the recipient's language
    link: str  # the absolute address of the screen the message is about


class Channel:
    """One way of reaching staff. `name` is stored with each reminder sent, so a person gets a
    reminder once a day on each channel."""

    name = ""

    def reaches(self, user):
        """Whether this channel has an address for `user`."""
        raise NotImplementedError

    def send(self, user, message):
        """Deliver `message` to `user`, or raise."""
        raise NotImplementedError

    def close(self):
        """Called once after the run's last message."""


class EmailChannel(Channel):
    name = "email"

    def __init__(self):
        self.connection = None

    def reaches(self, user):
        return bool(user.email)

    def send(self, user, message):
        if self.connection is None:
            # One connection for the whole run, opened by its first message.
            self.connection = get_connection()
            self.connection.open()
        EmailMessage(
            message.subject, message.text, to=[user.email], connection=self.connection
        ).send()

    def close(self):
        if self.connection is not None:
            self.connection.close()


def configured_channels():
    """A new instance of each channel in `REMINDER_CHANNELS` (`checks` vouches for the paths)."""
    return [import_string(path)() for path in settings.REMINDER_CHANNELS]
