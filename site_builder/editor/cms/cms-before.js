// portal-cms.js registers the portal's file formats and address hook first, then starts the CMS.
window.CMS_MANUAL_INIT = true;
