console.log('facade');
